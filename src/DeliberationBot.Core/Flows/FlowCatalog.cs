namespace DeliberationBot.Core.Flows;

/// <summary>The flows loaded at start-up, by id.</summary>
public sealed class FlowCatalog
{
    private readonly Dictionary<string, FlowDefinition> _flows;

    public FlowCatalog(IEnumerable<FlowDefinition> flows)
    {
        _flows = flows.ToDictionary(f => f.Id, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<FlowDefinition> All => _flows.Values.OrderBy(f => f.Id, StringComparer.Ordinal).ToList();

    public FlowDefinition? Find(string id) => _flows.GetValueOrDefault(id);

    /// <summary>Parses every <c>*.yaml</c> text given (file name → content); all errors of all files are reported together.</summary>
    public static FlowCatalog Parse(IEnumerable<(string FileName, string Yaml)> files)
    {
        var flows = new List<FlowDefinition>();
        var errors = new List<FlowError>();
        foreach (var (fileName, yaml) in files)
        {
            try
            {
                flows.Add(FlowParser.Parse(yaml, fileName, Path.GetFileNameWithoutExtension(fileName)));
            }
            catch (FlowValidationException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new FlowValidationException(errors);
        }

        if (flows.Count == 0)
        {
            throw new FlowValidationException([new FlowError("prompts/flows", 0, 0, "no flow files (*.yaml) were found")]);
        }

        return new FlowCatalog(flows);
    }
}
