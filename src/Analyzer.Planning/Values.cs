using System.Collections.Immutable;
using System.Globalization;
using Extls.Model;

namespace Extls.Planning;

/// <summary>What a plan's expression evaluates to: literals, and the Exchange objects cmdlets return.</summary>
internal abstract record Value
{
    /// <summary>The value as PowerShell would bind it to a string parameter; null for what is not text.</summary>
    public virtual string? AsText() => null;

    /// <summary>The items of an array, or the value alone.</summary>
    public virtual IEnumerable<Value> Items() => [this];
}

internal sealed record TextValue(string Text) : Value
{
    public override string? AsText() => Text;
}

internal sealed record NumberValue(long Number) : Value
{
    public override string? AsText() => Number.ToString(CultureInfo.InvariantCulture);
}

internal sealed record BoolValue(bool Value) : Value
{
    public override string? AsText() => Value ? "True" : "False";
}

internal sealed record NullValue : Value
{
    public static NullValue Instance { get; } = new();

    public override IEnumerable<Value> Items() => [];
}

internal sealed record ListValue(ImmutableArray<Value> Values) : Value
{
    public override string? AsText() => Values.Length == 1 ? Values[0].AsText() : string.Join(" ", Values.Select(v => v.AsText()));

    public override IEnumerable<Value> Items() => Values.SelectMany(v => v.Items());

    public bool Equals(ListValue? other) => other is not null && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => Values.Length;
}

/// <summary>The bytes of a file the plan names (<c>[System.IO.File]::ReadAllBytes('x.pfx')</c>, <c>Get-Content -Encoding Byte</c>).</summary>
internal sealed record FileValue(string Path) : Value;

/// <summary>A password written in the plan (<c>ConvertTo-SecureString -String '…' -AsPlainText -Force</c>).</summary>
internal sealed record SecretValue(string Text) : Value;

/// <summary>A certificate in a server's store, as Get-, Import- and New-ExchangeCertificate return it.</summary>
internal sealed record CertificateObject(string Server, StoreCertificate Store) : Value
{
    public override string? AsText() => Store.Thumbprint;
}

/// <summary>A receive connector, as Get-ReceiveConnector returns it.</summary>
internal sealed record ReceiveConnectorObject(string Identity) : Value
{
    public override string? AsText() => Identity;
}

/// <summary>A send connector, as Get-SendConnector returns it.</summary>
internal sealed record SendConnectorObject(string Identity) : Value
{
    public override string? AsText() => Identity;
}

/// <summary>An Edge subscription, as Get-EdgeSubscription returns it.</summary>
internal sealed record SubscriptionObject(string Edge) : Value
{
    public override string? AsText() => Edge;
}
