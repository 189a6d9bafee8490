namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>One request to the fake managed-identity endpoint: its method, query parameters and X-IDENTITY-HEADER.</summary>
internal sealed record ManagedIdentityRequest(string Method, IReadOnlyDictionary<string, string> Query, string? IdentityHeader);
