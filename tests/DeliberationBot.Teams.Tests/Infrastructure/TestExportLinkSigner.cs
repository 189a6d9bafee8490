using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Exports;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>Core's export command needs a link signer from the host; these tests never follow the links.</summary>
internal sealed class TestExportLinkSigner(TimeProvider time) : IExportLinkSigner
{
    public ExportLink Sign(string workspaceId, Guid deliberationId, string title) =>
        new(deliberationId, title, new Uri($"https://example.test/export/{deliberationId:N}.md"), new Uri($"https://example.test/export/{deliberationId:N}.json"), time.GetUtcNow().AddDays(1));

    public (string WorkspaceId, Guid DeliberationId)? Verify(string token) => null;
}
