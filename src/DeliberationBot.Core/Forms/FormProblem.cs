namespace DeliberationBot.Core.Forms;

/// <summary>The input of a form a problem is about, so a platform can show it next to that input.</summary>
public enum FormField
{
    Flow,
    Title,
    Due,
    Group,
    Answer,
    Outcome,
    Rationale,
}

/// <summary>Why a form's input can't be used, and which input to fix.</summary>
public sealed record FormProblem(FormField Field, string Text);
