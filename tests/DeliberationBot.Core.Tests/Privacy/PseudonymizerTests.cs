using DeliberationBot.Core.Privacy;

namespace DeliberationBot.Core.Tests.Privacy;

public class PseudonymizerTests
{
    private static readonly Guid Deliberation = Guid.Parse("0b7e3f5a-1111-4222-8333-444455556666");

    private static byte[] Key(byte fill = 7, int length = 32) => Enumerable.Repeat(fill, length).ToArray();

    [Fact]
    public void Same_inputs_give_the_same_pseudonym()
    {
        var first = new Pseudonymizer(Key()).For("T1", Deliberation, "U0SECRETUSER");
        var second = new Pseudonymizer(Key()).For("T1", Deliberation, "U0SECRETUSER");

        Assert.Equal(first, second);
        Assert.Matches("^anon:[0-9a-f]{32}$", first);
    }

    [Fact]
    public void Pseudonyms_differ_across_deliberations_workspaces_users_and_keys()
    {
        var pseudonymizer = new Pseudonymizer(Key());
        string[] pseudonyms =
        [
            pseudonymizer.For("T1", Deliberation, "U0SECRETUSER"),
            pseudonymizer.For("T1", Guid.Parse("0b7e3f5a-1111-4222-8333-444455556667"), "U0SECRETUSER"),
            pseudonymizer.For("T2", Deliberation, "U0SECRETUSER"),
            pseudonymizer.For("T1", Deliberation, "U0OTHERUSER"),
            new Pseudonymizer(Key(8)).For("T1", Deliberation, "U0SECRETUSER"),
        ];

        Assert.Equal(pseudonyms.Length, pseudonyms.Distinct().Count());
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted()
    {
        var pseudonymizer = new Pseudonymizer(Key());

        Assert.NotEqual(pseudonymizer.For("T1", Deliberation, "U1"), pseudonymizer.For("T1\n", Deliberation, "U1"));
        Assert.NotEqual(pseudonymizer.For("AB", Deliberation, "C"), pseudonymizer.For("A", Deliberation, "BC"));
    }

    [Theory]
    [InlineData("U0SECRETUSER")]
    [InlineData("u0secretuser")]
    [InlineData("maria@example.org")]
    [InlineData("U123")]
    public void Output_contains_no_user_id(string userId)
    {
        var pseudonym = new Pseudonymizer(Key()).For("T1", Deliberation, userId);

        Assert.DoesNotContain(userId, pseudonym, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("T1", pseudonym, StringComparison.Ordinal);
        Assert.DoesNotContain(Deliberation.ToString("N"), pseudonym, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void Rejects_keys_shorter_than_32_bytes(int length)
    {
        var exception = Assert.Throws<ArgumentException>(() => new Pseudonymizer(Key(length: length)));

        Assert.Equal("key", exception.ParamName);
    }

    [Fact]
    public void Accepts_keys_of_32_bytes_or_more()
    {
        Assert.StartsWith("anon:", new Pseudonymizer(Key(length: 32)).For("T", Deliberation, "U"), StringComparison.Ordinal);
        Assert.StartsWith("anon:", new Pseudonymizer(Key(length: 64)).For("T", Deliberation, "U"), StringComparison.Ordinal);
    }
}
