namespace Extls.Planning.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Publishing_a_certificate_in_the_store_fixes_EXTLS1004()
    {
        var snapshot = Dumps.LoadScenario("008-p1-not-in-store");
        var ex02 = snapshot.FindServer("EX02")!;
        var ca = ex02.Certificates.Items.First(c => c.Certificate.IsSelfSigned == false);
        var result = Dumps.Rehearse(snapshot, $"Enable-ExchangeCertificate -Server EX02 -Thumbprint {ca.Thumbprint} -Services SMTP");
        var shown = result.Shown.Diff;
        Assert.Fail(string.Join("\n", Dumps.Lines(shown.New).Select(l => "new " + l).Concat(Dumps.Lines(shown.Fixed).Select(l => "fixed " + l))) + $"\nopen {result.OpenPrompts} outcomes {result.Outcomes.Length}");
    }
}
