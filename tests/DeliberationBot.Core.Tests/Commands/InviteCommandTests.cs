using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Community;

namespace DeliberationBot.Core.Tests.Commands;

public class InviteCommandTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Fact]
    public void Invite_community_takes_languages_a_last_day_and_a_number_of_people()
    {
        var (command, error) = CommandParser.Parse("invite community lang:EN,es until:2026-04-30 max:200", null, Today);
        Assert.Null(error);
        var invite = Assert.IsType<InviteCommand>(command);
        Assert.Equal(["en", "es"], invite.Languages);
        Assert.Equal((new DateOnly(2026, 4, 30), 200), (invite.Until!.Value, invite.MaxPeople!.Value));
        var plain = Assert.IsType<InviteCommand>(CommandParser.Parse("invite community", null, Today).Command);
        Assert.Equal((null, null, null), (plain.Languages, plain.Until, plain.MaxPeople));
    }

    [Theory]
    [InlineData("invite pause", InvitationState.Paused)]
    [InlineData("invite resume", InvitationState.Open)]
    [InlineData("INVITE Revoke", InvitationState.Revoked)]
    public void Pause_resume_and_revoke_parse(string text, InvitationState to) =>
        Assert.Equal(to, Assert.IsType<InviteStateCommand>(CommandParser.Parse(text, null, Today).Command).To);

    [Fact]
    public void Invite_contacts_parses() =>
        Assert.IsType<InviteContactsCommand>(CommandParser.Parse("invite Contacts", null, Today).Command);

    [Theory]
    [InlineData("invite", "Say \"invite community\"")]
    [InlineData("invite contacts please", "\"invite contacts\" for the addresses")]
    [InlineData("invite everyone", "Say \"invite community\"")]
    [InlineData("invite community until:2026-03-09", "not a date from today on")]
    [InlineData("invite community until:tomorrow", "not a date from today on")]
    [InlineData("invite community max:0", "from 1 to")]
    [InlineData("invite community max:lots", "from 1 to")]
    [InlineData("invite community lang:", "not a list of language codes")]
    [InlineData("invite community lang:en,<b>", "not a list of language codes")]
    [InlineData("invite community colour:red", "I don't know the option")]
    [InlineData("invite pause now", "Say \"invite community\"")]
    public void Mistakes_say_what_to_type(string text, string fragment)
    {
        var (command, error) = CommandParser.Parse(text, null, Today);
        Assert.Null(command);
        Assert.Contains(fragment, error!.Text, StringComparison.Ordinal);
        Assert.Equal(Usage.Invite, error.Usage);
    }
}
