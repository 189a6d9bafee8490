using DeliberationBot.Storage.Rows;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DeliberationBot.Storage;

/// <summary>
/// The schema. Each provider has its own subclass only so that each keeps its own migration set
/// (<c>Migrations/Sqlite</c>, <c>Migrations/Postgres</c>).
/// </summary>
internal abstract class DeliberationsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DeliberationRow> Deliberations => Set<DeliberationRow>();
    public DbSet<FlowSnapshotRow> FlowSnapshots => Set<FlowSnapshotRow>();
    public DbSet<ParticipantRow> Participants => Set<ParticipantRow>();
    public DbSet<AnswerRow> Answers => Set<AnswerRow>();
    public DbSet<ConcernRow> Concerns => Set<ConcernRow>();
    public DbSet<SuggestionRow> Suggestions => Set<SuggestionRow>();
    public DbSet<MemberProfileRow> MemberProfiles => Set<MemberProfileRow>();
    public DbSet<WaitingWordsRow> WaitingWords => Set<WaitingWordsRow>();
    public DbSet<EventRow> Events => Set<EventRow>();
    public DbSet<ProcessedDeliveryRow> ProcessedDeliveries => Set<ProcessedDeliveryRow>();
    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();
    public DbSet<PostedMessageRow> PostedMessages => Set<PostedMessageRow>();
    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();
    public DbSet<ChannelStateRow> ChannelState => Set<ChannelStateRow>();
    public DbSet<DigestSubscriptionRow> DigestSubscriptions => Set<DigestSubscriptionRow>();
    public DbSet<DigestSnapshotRow> DigestSnapshots => Set<DigestSnapshotRow>();
    public DbSet<JobLeaseRow> JobLeases => Set<JobLeaseRow>();
    public DbSet<CommunityInvitationRow> CommunityInvitations => Set<CommunityInvitationRow>();
    public DbSet<CommunityContactRow> CommunityContacts => Set<CommunityContactRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<DeliberationRow>(e =>
        {
            e.ToTable("deliberations");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.WorkspaceId, x.HomeChannel, x.HomeConversationId, x.Status });
            e.Property(x => x.Title).HasMaxLength(300);
        });
        b.Entity<FlowSnapshotRow>(e =>
        {
            e.ToTable("flow_snapshots");
            e.HasKey(x => new { x.FlowId, x.Version });
        });
        b.Entity<ParticipantRow>(e =>
        {
            e.ToTable("participants");
            e.HasKey(x => new { x.DeliberationId, x.Key });
            // Covers a tally's counts, so the database counts a deliberation's people from the index alone.
            e.HasIndex(x => new { x.WorkspaceId, x.DeliberationId, x.Group, x.FinishedAt, x.ViaPublicPage });
        });
        b.Entity<AnswerRow>(e =>
        {
            e.ToTable("answers");
            e.HasKey(x => new { x.DeliberationId, x.ParticipantKey, x.QuestionId });
            // Covers a tally's counts, in the order it groups them: answers given are counted from the index alone.
            e.HasIndex(x => new { x.WorkspaceId, x.DeliberationId, x.QuestionId, x.Group, x.Skipped });
            // The few answers flagged as concerns, found without reading the others.
            e.HasIndex(x => new { x.WorkspaceId, x.DeliberationId }, "IX_answers_flagged").HasFilter("\"FlaggedConcern\"");
            // The answer a message gave, found when the message is edited or deleted.
            e.HasIndex(x => new { x.WorkspaceId, x.Source }, "IX_answers_source").HasFilter("\"Source\" IS NOT NULL");
        });
        b.Entity<ConcernRow>(e =>
        {
            e.ToTable("concerns");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.DeliberationId, x.Number }).IsUnique();
            e.HasIndex(x => new { x.WorkspaceId, x.DeliberationId });
            e.HasIndex(x => new { x.WorkspaceId, x.Status });
        });
        b.Entity<SuggestionRow>(e =>
        {
            e.ToTable("suggestions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.DeliberationId, x.Number }).IsUnique();
            e.HasIndex(x => new { x.WorkspaceId, x.DeliberationId });
        });
        b.Entity<MemberProfileRow>(e =>
        {
            e.ToTable("member_profiles");
            e.HasKey(x => new { x.WorkspaceId, x.UserId });
        });
        b.Entity<WaitingWordsRow>(e =>
        {
            e.ToTable("waiting_words");
            e.HasKey(x => new { x.WorkspaceId, x.UserId, x.MessageKey });
        });
        b.Entity<EventRow>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.WorkspaceId, x.DeliberationId });
        });
        b.Entity<ProcessedDeliveryRow>(e =>
        {
            e.ToTable("processed_deliveries");
            e.HasKey(x => new { x.WorkspaceId, x.Key });
        });
        b.Entity<OutboxRow>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.WorkspaceId, x.IdempotencyKey }).IsUnique();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            // A slot (a deliberation's card) keeps a row for every update ever queued; claiming one looks only for the
            // slot's pending rows, which this finds without reading the thousands already sent or superseded.
            e.HasIndex(x => new { x.WorkspaceId, x.SlotKey, x.Status });
            // A notice claimed for sending reads the next few waiting after it with its key, in order, without
            // sorting all of them; only gathering messages are indexed.
            e.HasIndex(x => new { x.WorkspaceId, x.GatherKey, x.Status, x.CreatedAt }).HasFilter("\"GatherKey\" IS NOT NULL");
            e.Property(x => x.TraceParent).HasMaxLength(64);
        });
        b.Entity<DigestSubscriptionRow>(e =>
        {
            e.ToTable("digest_subscriptions");
            e.HasKey(x => new { x.WorkspaceId, x.UserId });
            e.HasIndex(x => new { x.Active, x.NextDueAt });
        });
        b.Entity<DigestSnapshotRow>(e =>
        {
            e.ToTable("digest_snapshots");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.TakenAt);
        });
        b.Entity<CommunityInvitationRow>(e =>
        {
            e.ToTable("community_invitations");
            e.HasKey(x => x.DeliberationId);
            e.HasIndex(x => x.Token).IsUnique();
            e.Property(x => x.Token).HasMaxLength(64);
            e.Property(x => x.Languages).HasMaxLength(200);
            e.Property(x => x.State).HasMaxLength(16);
        });
        b.Entity<CommunityContactRow>(e =>
        {
            e.ToTable("community_contacts");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.WorkspaceId, x.DeliberationId });
            e.Property(x => x.Address).HasMaxLength(320);
        });
        b.Entity<JobLeaseRow>(e =>
        {
            e.ToTable("job_leases");
            e.HasKey(x => x.Name);
        });
        b.Entity<ChannelStateRow>(e =>
        {
            e.ToTable("channel_state");
            e.HasKey(x => new { x.Channel, x.WorkspaceId, x.Kind, x.Key });
        });
        b.Entity<DataProtectionKeyRow>(e =>
        {
            e.ToTable("data_protection_keys");
            e.HasKey(x => x.Id);
        });
        b.Entity<PostedMessageRow>(e =>
        {
            e.ToTable("posted_messages");
            e.HasKey(x => new { x.WorkspaceId, x.SlotKey });
            e.HasIndex(x => new { x.WorkspaceId, x.ConversationId, x.MessageId });
        });
    }
}

internal sealed class SqliteDeliberationsDbContext(DbContextOptions<SqliteDeliberationsDbContext> options) : DeliberationsDbContext(options)
{
    // The open connection this context has on loan while in use (see SqliteConnections); none at design time.
    private (SqliteConnections Lender, SqliteConnection Connection)? _loan;

    /// <summary>Works on an open connection from <paramref name="lender"/> until disposed, then hands it back.</summary>
    public SqliteDeliberationsDbContext Borrowing(SqliteConnections lender)
    {
        var connection = lender.Lend();
        Database.SetDbConnection(connection, contextOwnsConnection: false);
        _loan = (lender, connection);
        return this;
    }

    // Disposing a pooled context returns it to the pool, where another thread may take it at once: the loan is taken
    // off first, and the connection handed back once the context has let go of it (rolling back any transaction left).
    public override void Dispose()
    {
        var loan = _loan;
        _loan = null;
        base.Dispose();
        loan?.Lender.TakeBack(loan.Value.Connection);
    }

    public override async ValueTask DisposeAsync()
    {
        var loan = _loan;
        _loan = null;
        await base.DisposeAsync();
        loan?.Lender.TakeBack(loan.Value.Connection);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; store instants as UTC ticks, which sort and compare as time does.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

internal sealed class PostgresDeliberationsDbContext(DbContextOptions<PostgresDeliberationsDbContext> options) : DeliberationsDbContext(options);
