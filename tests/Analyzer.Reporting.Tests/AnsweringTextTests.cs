using Extls.Model;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Reporting.Tests;

/// <summary>The answering process in words: every reason, from real traces, in both languages.</summary>
public sealed class AnsweringTextTests
{
    private static SenderAddresses From(params string[] addresses) => SenderAddresses.Of(Build.Mailbox("EX01").WithAddresses(addresses));

    /// <summary>Traces that between them reach every reason of the process.</summary>
    private static IEnumerable<AnsweringTraceStep> Traces()
    {
        var relay = Build.Receive("EX02", "Relay", auth: ReceiveAuthMechanism.Tls, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]);
        var withRelay = ReceiveConnectorIndex.For(Build.Mailbox("EX02").WithAddresses("10.0.0.2").WithConnector(relay));
        var unknownRanges = ReceiveConnectorIndex.For(Build.Mailbox("EX02").WithAddresses("10.0.0.2").WithConnector(relay with { RemoteIPRanges = null }));
        var noAddresses = ReceiveConnectorIndex.For(Build.Mailbox("EX02").WithConnector(relay with { Bindings = [Build.Binding("10.0.0.2:2525")] }));
        var otherNic = ReceiveConnectorIndex.For(Build.Mailbox("EX02").WithAddresses("10.0.0.2") with
        {
            ReceiveConnectors = Section<ReceiveConnector>.Collected([relay with { Bindings = [Build.Binding("10.0.0.99:2525")] }], Build.Loc()),
        });
        var narrow = ReceiveConnectorIndex.For(Build.Mailbox("EX02").WithAddresses("10.0.0.2") with
        {
            ReceiveConnectors = Section<ReceiveConnector>.Collected([relay], Build.Loc()),
        });
        var notCollected = ReceiveConnectorIndex.For(Build.Mailbox("EX02") with { ReceiveConnectors = Section<ReceiveConnector>.Missing(SectionState.Failed, "x", null) });

        IEnumerable<(ReceiveConnectorIndex, SessionKind, SenderAddresses)> cases =
        [
            (withRelay, SessionKind.MailboxToMailbox, From("10.0.0.1", "10.0.0.9")),
            (withRelay, SessionKind.MailboxToMailbox, SenderAddresses.Of(Build.Mailbox("EX01"))),
            (withRelay, SessionKind.MailboxToMailbox, From("fe80::1%4")),
            (withRelay, SessionKind.OutboundProxy, From("10.0.0.1")),
            (unknownRanges, SessionKind.MailboxToMailbox, From("10.0.0.1")),
            (noAddresses, SessionKind.MailboxToMailbox, From("10.0.0.1")),
            (otherNic, SessionKind.MailboxToMailbox, From("10.0.0.1")),
            (narrow, SessionKind.MailboxToMailbox, From("172.16.0.1")),
            (notCollected, SessionKind.MailboxToMailbox, From("10.0.0.1")),
        ];
        return cases.SelectMany(c => c.Item1.Explain(c.Item2, c.Item3).Trace);
    }

    [Fact]
    public void Every_table_has_every_key()
    {
        Assert.Empty(AnsweringText.Missing());
        Assert.Empty(SelectionWording.Missing());
    }

    [Fact]
    public void Every_reason_is_reached_and_said_in_both_languages_without_English_left_in_Japanese()
    {
        var steps = Traces().ToList();
        Assert.Empty(Enum.GetValues<AnsweringReason>().Except(steps.Select(s => s.Reason)));
        foreach (var step in steps)
        {
            var en = AnsweringText.Decision(step, "en");
            var ja = AnsweringText.Decision(step, "ja");
            var names = Names(step).ToList();
            Assert.NotEqual(step.Reason.ToString(), en);
            Assert.False(JapaneseLeftovers.HasJapanese(en), en);
            Assert.True(JapaneseLeftovers.HasJapanese(ja), ja);
            Assert.Empty(JapaneseLeftovers.Find(ja, names).Select(w => $"{step.Reason}: '{w}' in {ja}"));
            Assert.Empty(JapaneseLeftovers.Find(string.Join("\n", AnsweringText.ReadLines(step, "ja")), names));
        }
    }

    [Fact]
    public void Kinds_steps_and_outcomes_have_Japanese_words()
    {
        Assert.All(Enum.GetValues<SessionKind>(), k => Assert.True(JapaneseLeftovers.HasJapanese(AnsweringText.Kind(k, "ja"))));
        Assert.All(Enum.GetValues<AnsweringStep>(), k => Assert.True(JapaneseLeftovers.HasJapanese(AnsweringText.StepTitle(k, "ja"))));
        Assert.All(Enum.GetValues<AnsweringOutcome>(), k => Assert.True(JapaneseLeftovers.HasJapanese(AnsweringText.Outcome(k, "ja"))));
        Assert.Equal("Mailbox → Mailbox (Transport service, port 2525)", AnsweringText.Kind(SessionKind.MailboxToMailbox, "en"));
    }

    [Fact]
    public void A_decision_says_which_range_of_which_connector_holds_the_sender()
    {
        var relay = Build.Receive("EX02", "Relay", auth: ReceiveAuthMechanism.Tls, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]);
        var (_, trace) = ReceiveConnectorIndex.For(Build.Mailbox("EX02").WithAddresses("10.0.0.2").WithConnector(relay)).Explain(SessionKind.MailboxToMailbox, From("10.0.0.1"));

        Assert.Equal("The RemoteIPRanges entry 10.0.0.0/24 of EX02\\Relay holds 10.0.0.1 most specifically: that connector answers the session.", AnsweringText.Decision(trace[^1], "en"));
        Assert.Contains("RemoteIPRanges = ", string.Join("\n", AnsweringText.ReadLines(trace[^1], "en")), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Names(AnsweringTraceStep step)
    {
        yield return "IPv4";
        yield return "IPv6";
        foreach (var read in step.Reads)
        {
            if (read.Of is not null)
            {
                yield return read.Of;
            }

            foreach (var name in Values(read.Value))
            {
                yield return name;
            }
        }
    }

    private static IEnumerable<string> Values(TraceValue value) => value switch
    {
        TextValue { Text: { } t } => [t],
        AddressValue a => [a.Address.ToString()],
        RangeValue r => [r.Range.ToString()],
        BindingValue b => [b.Binding.ToString()],
        ListValue { Items: { } items } => items.SelectMany(Values),
        _ => [],
    };
}
