namespace DeliberationBot.Core.Concerns;

/// <summary>Words in the order they were given, cut into runs that answered the same question, for each run to be shown with its question.</summary>
public static class VoiceRuns
{
    public static IReadOnlyList<(IReadOnlyList<ConcernVoice> Voices, TKey Key)> Of<TKey>(IEnumerable<ConcernVoice> voices, Func<ConcernVoice, TKey> key)
    {
        var runs = new List<(IReadOnlyList<ConcernVoice> Voices, TKey Key)>();
        foreach (var v in voices)
        {
            var k = key(v);
            if (runs.Count > 0 && EqualityComparer<TKey>.Default.Equals(runs[^1].Key, k))
            {
                runs[^1] = ([.. runs[^1].Voices, v], k);
            }
            else
            {
                runs.Add(([v], k));
            }
        }

        return runs;
    }
}
