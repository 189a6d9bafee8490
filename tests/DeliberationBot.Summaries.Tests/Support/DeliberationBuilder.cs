using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Summaries.Tests.Support;

/// <summary>
/// Writes a deliberation's answers person by person, checking each against the real flow (the question exists, is asked
/// of the person's group, and the value is valid), and numbers the answers A1, A2… in the order written.
/// </summary>
internal sealed class DeliberationBuilder(FlowDefinition flow, string title, Guid? id = null)
{
    private readonly List<SummaryAnswer> _answers = [];

    public FlowDefinition Flow { get; } = flow;

    public Guid Id { get; } = id ?? Guid.Parse("7d1c9a52-0b7e-4f43-9a51-3c2f0e6d8a10");

    public IReadOnlyList<SummaryAnswer> Answers => _answers;

    public DeliberationBuilder Named(string userId, StakeholderGroup group, Action<Person> answers) => Add(userId, group, false, answers);

    public DeliberationBuilder Anonymous(string pseudonym, StakeholderGroup group, Action<Person> answers) => Add(pseudonym, group, true, answers);

    public SummaryInput Build(int minGroupSize = 3) => new(Id, title, Flow, [.. _answers], minGroupSize);

    private DeliberationBuilder Add(string participantRef, StakeholderGroup group, bool anonymous, Action<Person> answers)
    {
        answers(new Person(this, participantRef, group, anonymous));
        return this;
    }

    internal sealed class Person(DeliberationBuilder owner, string participantRef, StakeholderGroup group, bool anonymous)
    {
        public Person Text(string questionId, string text, bool flagged = false) => Answer(questionId, AnswerValue.FromText(text), flagged);

        public Person Choice(string questionId, params string[] options) => Answer(questionId, AnswerValue.FromChoices(options), false);

        public Person FlaggedChoice(string questionId, params string[] options) => Answer(questionId, AnswerValue.FromChoices(options), true);

        public Person Number(string questionId, decimal number, bool flagged = false) => Answer(questionId, AnswerValue.FromNumber(number), flagged);

        /// <summary>A number typed in a reply with more words than the number.</summary>
        public Person Number(string questionId, decimal number, string words) => Answer(questionId, AnswerValue.FromNumber(number, words), false);

        /// <summary>An option chosen with words of the person's own ("Anything to add?").</summary>
        public Person Choice(string questionId, string option, string words, bool flagged = false) =>
            Answer(questionId, AnswerValue.FromChoices(option).WithWords(words), flagged);

        public Person Skip(string questionId) => Answer(questionId, AnswerValue.Skip(), false);

        private Person Answer(string questionId, AnswerValue value, bool flagged)
        {
            var question = owner.Flow.FindQuestion(questionId) ?? throw new ArgumentException($"no question {questionId} in {owner.Flow.Id}");
            if (!question.IsAskedOf(group))
            {
                throw new ArgumentException($"{questionId} is not asked of {group}");
            }

            if (!value.Skipped && FlowEngine.Validate(question, value) is { } error)
            {
                throw new ArgumentException($"{questionId}: {error}");
            }

            owner._answers.Add(new SummaryAnswer($"A{owner._answers.Count + 1}", questionId, group, participantRef, anonymous, value, flagged));
            return this;
        }
    }
}
