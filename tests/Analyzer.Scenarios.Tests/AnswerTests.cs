using Extls.Import;
using Extls.Selection;
using Newtonsoft.Json.Linq;

namespace Extls.Scenarios.Tests;

/// <summary>
/// The oracle of "which receive connector answers a session": a scenario's expected.json that lists answers
/// gives, for every receiver and kind of session into it, each connector that answers and the senders on it.
/// </summary>
public sealed class AnswerTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in ScenarioCatalog.All().Where(c => c.Expected["answers"] is JArray))
        {
            data.Add(c.Id);
        }

        return data;
    }

    [Fact]
    public void The_scenarios_about_connector_answering_list_their_answers() =>
        Assert.True(ScenarioCatalog.All().Count(c => c.Expected["answers"] is JArray) >= 3, "the connector-answering scenarios (041-043) must list their answers");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_session_lands_on_the_expected_connector(string id)
    {
        var sc = ScenarioCatalog.Get(id);
        var load = DumpLoader.Load(sc.InputPaths);
        Assert.True(load.Problems.IsDefaultOrEmpty, string.Join("\n", load.Problems));

        var actual = SessionAnswers.Of(load.Snapshot!).Groups(_ => true)
            .Select(g => Line(g.Answer.Receiver, g.Answer.Kind.ToId(), g.Answer.Connector, g.Answer.Outcome.ToString(), g.Senders));
        var expected = sc.Expected["answers"]!.Select(a => Line((string)a["receiver"]!, (string)a["kind"]!, (string?)a["connector"], (string)a["outcome"]!, a["senders"]!.Values<string>().Select(s => s!)));

        var diff = ScenarioTests.Diff("answers", expected, actual);
        Assert.True(diff.Length == 0, $"{id}:\n{diff}");
    }

    private static string Line(string receiver, string kind, string? connector, string outcome, IEnumerable<string> senders) =>
        $"{receiver} | {kind} | {connector ?? "(none)"} | {outcome} | {string.Join(",", senders)}";
}
