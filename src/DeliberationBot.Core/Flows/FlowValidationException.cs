namespace DeliberationBot.Core.Flows;

/// <summary>One problem in a flow file, located so that a person can go straight to it.</summary>
public sealed record FlowError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): {Message}";
}

public sealed class FlowValidationException : Exception
{
    public FlowValidationException(IReadOnlyList<FlowError> errors)
        : base("Flow definitions are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
    {
        Errors = errors;
    }

    public FlowValidationException()
        : this([])
    {
    }

    public FlowValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public FlowValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<FlowError> Errors { get; }
}
