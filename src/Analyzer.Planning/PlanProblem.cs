using System.Collections.Immutable;
using System.Globalization;
using System.Management.Automation.Language;

namespace Extls.Planning;

/// <summary>Where a plan says something: its file (as the user named it), line and column, 1-based.</summary>
public sealed record PlanPosition(string File, int Line, int Column)
{
    internal static PlanPosition Of(string file, IScriptExtent extent) => new(file, extent.StartLineNumber, extent.StartColumnNumber);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}");
}

/// <summary>
/// What is wrong with a plan, one member per reason; the facts of each are in <see cref="PlanProblemArguments"/> and
/// the sentence it reads as is the writers' (Extls.Reporting.PlanProblemWording), in the reader's language.
/// </summary>
public enum PlanProblemKind
{
    // ----- the file and its shape -----

    /// <summary>The plan file cannot be read (Detail: what the system said).</summary>
    PlanUnreadable,

    /// <summary>PowerShell's parser refuses the text (Name: its error id; Detail: its message, as it gave it).</summary>
    SyntaxError,

    /// <summary>A param() block: the values would come from whoever runs the script.</summary>
    ParamBlock,

    /// <summary>A begin, process or dynamicparam block (Name: the block's keyword).</summary>
    ScriptBlockSection,

    /// <summary>A trap statement.</summary>
    TrapStatement,

    /// <summary>A <c>using module</c> or <c>using assembly</c> statement (Name: module or assembly): PowerShell loads it while parsing.</summary>
    UsingStatement,

    // ----- statements and pipelines -----

    /// <summary>A statement that is not a command or an assignment (Construct; Name: the statement's own name for <see cref="PlanConstruct.Other"/>).</summary>
    StatementNotFollowed,

    /// <summary>An assignment that is not $name = …</summary>
    AssignmentNotPlain,

    /// <summary>The right-hand side of an assignment is neither an expression nor a pipeline.</summary>
    AssignmentValueNotFollowed,

    /// <summary>A command whatif does not model (Command; Names: the cmdlets it follows).</summary>
    UnsupportedCommand,

    /// <summary>An expression after the first element of a pipeline.</summary>
    ExpressionNotFirst,

    /// <summary>A command run with &amp; or dot-sourced.</summary>
    InvocationOperator,

    /// <summary>A command whose name is an expression.</summary>
    ComputedCommandName,

    /// <summary>A variable assigned from Format-List and the like (Command).</summary>
    DisplayOutputAssigned,

    /// <summary>A showing command between two commands (Command).</summary>
    DisplayCommandInPipeline,

    /// <summary>Where-Object in a form other than its simplified one.</summary>
    WhereObjectForm,

    /// <summary>A Where-Object operator the rehearsal does not follow (Parameter: the operator).</summary>
    WhereObjectOperator,

    /// <summary>A cmdlet the table names but the runner does not rehearse (Command).</summary>
    CmdletNotRehearsed,

    // ----- parameters -----

    /// <summary>@params.</summary>
    Splatted,

    /// <summary>-Parameter is not one of the cmdlet's (Parameter, Command).</summary>
    UnknownParameter,

    /// <summary>-Parameter abbreviates several (Parameter, Command; Names: the parameters it could be).</summary>
    AmbiguousParameter,

    /// <summary>-Parameter is given twice (Parameter).</summary>
    ParameterRepeated,

    /// <summary>-Parameter is given by name and by position (Parameter).</summary>
    ParameterRepeatedByPosition,

    /// <summary>-Parameter has no value (Parameter).</summary>
    ParameterNeedsValue,

    /// <summary>More positional arguments than the cmdlet takes (Command; Number: how many it takes; Value: the first extra one).</summary>
    TooManyPositional,

    /// <summary>-Parameter's value has no text (Parameter).</summary>
    ParameterNeedsText,

    /// <summary>-Parameter's values have no text (Parameter).</summary>
    ParameterNeedsTexts,

    /// <summary>A value that is not $true or $false (Value: the source).</summary>
    NotBoolean,

    /// <summary>A value that is not one of an enumeration's (Value, Parameter; Names: the values it takes).</summary>
    NotAnEnumValue,

    /// <summary>An enumeration parameter without a value (Parameter; Names: the values it takes).</summary>
    EnumNeedsValue,

    /// <summary>An item of a multi-valued parameter that does not parse (Value, Parameter, Expected).</summary>
    ValueNotParsed,

    /// <summary>-Parameter of a helper cmdlet the rehearsal does not follow (Parameter, Command: ConvertTo-SecureString, Get-Content).</summary>
    HelperParameterNotFollowed,

    // ----- values -----

    /// <summary>A parenthesised statement that is not a pipeline.</summary>
    ExpressionNotFollowed,

    /// <summary>$x.$name.</summary>
    ComputedPropertyName,

    /// <summary>@{Add=…; Remove=…}.</summary>
    HashtableValue,

    /// <summary>{ … } as a value.</summary>
    ScriptBlockValue,

    /// <summary>Any other expression (Value: the source, shortened).</summary>
    ValueNotFollowed,

    /// <summary>A statement other than a pipeline inside @( ) or $( ).</summary>
    StatementInSubexpression,

    /// <summary>$env:X and the like (Value: the variable as written).</summary>
    DriveVariable,

    /// <summary>$_ outside a script block.</summary>
    PipelineVariable,

    /// <summary>A variable the plan does not assign before (Name).</summary>
    VariableNotAssigned,

    /// <summary>An expression in a string that has no text (Value: the source, shortened).</summary>
    NoTextValue,

    /// <summary>-split without text on its left.</summary>
    SplitNeedsText,

    /// <summary>-split without a separator.</summary>
    SplitNeedsSeparator,

    /// <summary>-split on a regular expression.</summary>
    SplitRegex,

    /// <summary>+ between values that are not text or numbers.</summary>
    AddOperands,

    /// <summary>An operator the rehearsal does not follow (Value: the operator).</summary>
    OperatorNotFollowed,

    /// <summary>[System.IO.File]::ReadAllBytes without a file name.</summary>
    ReadAllBytesNeedsFile,

    /// <summary>Any other method call (Value: the source, shortened).</summary>
    MethodCallNotFollowed,

    /// <summary>Read-Host -AsSecureString with no --password given.</summary>
    PasswordNotGiven,

    /// <summary>Read-Host or Get-Credential (Command).</summary>
    InputRequested,

    /// <summary>ConvertTo-SecureString in a form other than -String … -AsPlainText -Force.</summary>
    SecureStringForm,

    /// <summary>Get-Content without -Encoding Byte or -AsByteStream.</summary>
    GetContentForm,

    /// <summary>A property the rehearsal does not follow (Name: the property; Object: what it is read from).</summary>
    PropertyNotFollowed,

    // ----- servers, stores, connectors -----

    /// <summary>A server the snapshot does not have (Name; Names: the servers it has).</summary>
    UnknownServer,

    /// <summary>No -Server and the thumbprint is on several servers (Command, Value: thumbprint; Names: the servers).</summary>
    ServerAmbiguous,

    /// <summary>No -Server and nothing says which server (Command).</summary>
    ServerNotGiven,

    /// <summary>No -Server and no store holds the thumbprint (Command, Value: thumbprint).</summary>
    ServerNotGivenThumbprintUnknown,

    /// <summary>The server's certificate store was not collected (Name: server).</summary>
    StoreNotCollected,

    /// <summary>No such receive connector (Name: as written; Server: the server whose receive connectors were not collected, if so).</summary>
    UnknownReceiveConnector,

    /// <summary>A receive connector name on several servers (Name: as written; Value: its name part; Names: the servers).</summary>
    ReceiveConnectorAmbiguous,

    /// <summary>The send connectors were not collected, so one cannot be found.</summary>
    SendConnectorsNotCollected,

    /// <summary>Get-SendConnector when the send connectors were not collected.</summary>
    SendConnectorListNotCollected,

    /// <summary>No such send connector (Name).</summary>
    UnknownSendConnector,

    /// <summary>A cmdlet that takes no pipeline input got some (Command).</summary>
    NoPipelineInput,

    /// <summary>A cmdlet got objects of the wrong kind from the pipeline (Command; Expected: what it takes; Object: what it got).</summary>
    WrongPipelineInput,

    /// <summary>Set-ReceiveConnector with neither -Identity nor a connector piped in.</summary>
    ReceiveConnectorIdentityMissing,

    /// <summary>Set-SendConnector with neither -Identity nor a connector piped in.</summary>
    SendConnectorIdentityMissing,

    /// <summary>-Name ''.</summary>
    NameEmpty,

    /// <summary>A receive connector renamed to a name its server already has (Name: server; Value: the name).</summary>
    ReceiveConnectorNameTaken,

    /// <summary>A send connector renamed to a name another has (Value: the name).</summary>
    SendConnectorNameTaken,

    /// <summary>-Port outside 1–65535.</summary>
    PortInvalid,

    /// <summary>-SourceIPAddress that is not an address.</summary>
    SourceIpAddressInvalid,

    /// <summary>-TlsCertificateName that is not &lt;I&gt;issuer&lt;S&gt;subject (Value).</summary>
    CertificateNameMalformed,

    /// <summary>Set-HybridConfiguration when Get-HybridConfiguration returned nothing.</summary>
    NoHybridConfiguration,

    /// <summary>Set-HybridConfiguration when the hybrid configuration was not collected.</summary>
    HybridConfigurationNotCollected,

    // ----- Edge subscriptions -----

    /// <summary>New-EdgeSubscription on a snapshot without an Edge.</summary>
    NoEdgeServer,

    /// <summary>A subscription file no Edge can be told for (Value: the file; Names: the Edges).</summary>
    EdgeForFileUnknown,

    /// <summary>New-EdgeSubscription with neither -FileName nor -FileData.</summary>
    SubscriptionFileMissing,

    /// <summary>-FileData that does not read a file.</summary>
    FileDataNotFile,

    /// <summary>New-EdgeSubscription -FileData without -Site.</summary>
    SiteMissing,

    /// <summary>Remove-EdgeSubscription with neither -Identity nor a subscription piped in.</summary>
    EdgeSubscriptionIdentityMissing,

    /// <summary>A server named as an Edge that is not one (Name).</summary>
    NotAnEdge,

    /// <summary>No such Edge subscription (Name).</summary>
    UnknownEdgeSubscription,

    // ----- certificates -----

    /// <summary>A certificate cmdlet with neither -Thumbprint nor a certificate piped in (Command).</summary>
    ThumbprintMissing,

    /// <summary>The server's store has no such certificate (Name: server; Value: thumbprint; Number: the line the plan removes it at, if it does).</summary>
    CertificateNotInStore,

    /// <summary>Enable-ExchangeCertificate without -Services.</summary>
    ServicesMissing,

    /// <summary>Import-ExchangeCertificate given objects from the pipeline.</summary>
    ImportFromPipeline,

    /// <summary>Import-ExchangeCertificate with neither -FileData nor -FileName.</summary>
    ImportFileMissing,

    /// <summary>-Password that the plan does not write.</summary>
    PasswordNotFollowed,

    /// <summary>The certificate file cannot be read as a certificate (Name: the file as written; File: why; Detail: what .NET said).</summary>
    CertificateFileUnreadable,

    /// <summary>A file the plan names is not where the rehearsal looks (Name: as written; Value: the folder).</summary>
    FileNotFound,

    /// <summary>New-ExchangeCertificate -Instance.</summary>
    InstanceDeprecated,

    /// <summary>-IncludeAcceptedDomains / -IncludeAutoDiscover without the accepted domains collected.</summary>
    AcceptedDomainsNotCollected,

    /// <summary>-KeySize other than 1024, 2048 or 4096.</summary>
    KeySizeInvalid,

    /// <summary>One command makes the same certificate twice (Value: thumbprint; Name: server).</summary>
    CertificateMadeTwice,

    /// <summary>The certificate factory refuses the subject or names (Detail: what it said).</summary>
    CertificateNotMade,
}

/// <summary>A statement a plan may not use.</summary>
public enum PlanConstruct
{
    If,
    ForEach,
    Loop,
    FunctionDefinition,
    Try,
    Switch,

    /// <summary>Any other statement; its name is in <see cref="PlanProblemArguments.Name"/>.</summary>
    Other,
}

/// <summary>What a value in a plan is, as a problem names it.</summary>
public enum PlanObjectKind
{
    Certificate,
    ReceiveConnector,
    SendConnector,
    EdgeSubscription,
    List,
    Other,
}

/// <summary>What an item of a multi-valued parameter should have been.</summary>
public enum PlanExpectedValue
{
    Binding,
    IpRange,
}

/// <summary>Why a certificate file cannot be read.</summary>
public enum CertificateFileFault
{
    /// <summary>The file cannot be read (Detail: what the system said).</summary>
    Unreadable,

    /// <summary>The bytes are not a certificate (Detail: why).</summary>
    NotACertificate,

    /// <summary>A PKCS #12 file given without a password.</summary>
    Pkcs12NeedsPassword,

    /// <summary>A PKCS #12 file the password does not open.</summary>
    Pkcs12WrongPassword,

    /// <summary>A PKCS #12 or PKCS #7 file without a certificate.</summary>
    NoCertificate,

    /// <summary>Not a PKCS #7 bundle.</summary>
    NotPkcs7,
}

/// <summary>
/// The facts a plan problem's sentence is made of, typed; each kind uses the few it names. Names, parameters, values
/// and thumbprints are as the plan or the snapshot spells them. <see cref="Detail"/> is what PowerShell, the operating
/// system or .NET said, quoted as it said it.
/// </summary>
public sealed record PlanProblemArguments
{
    public static readonly PlanProblemArguments None = new();

    /// <summary>The cmdlet (Set-ReceiveConnector), as the plan or the cmdlet table spells it.</summary>
    public string? Command { get; init; }

    /// <summary>A parameter or operator, without its dash.</summary>
    public string? Parameter { get; init; }

    /// <summary>A server, connector, variable, property, file or error id.</summary>
    public string? Name { get; init; }

    /// <summary>A value as the plan holds it, a thumbprint, or a piece of the plan's source.</summary>
    public string? Value { get; init; }

    /// <summary>A second server, when the sentence names one besides <see cref="Name"/>.</summary>
    public string? Server { get; init; }

    /// <summary>Names: the values allowed, the servers a thumbprint is on, the cmdlets whatif follows.</summary>
    public ImmutableArray<string> Names { get; init; } = [];

    public long? Number { get; init; }

    public PlanConstruct? Construct { get; init; }

    public PlanObjectKind? Object { get; init; }

    public PlanObjectKind? Takes { get; init; }

    public PlanExpectedValue? Expected { get; init; }

    public CertificateFileFault? File { get; init; }

    public string? Detail { get; init; }

    public bool Equals(PlanProblemArguments? other) =>
        other is not null && Command == other.Command && Parameter == other.Parameter && Name == other.Name && Value == other.Value
        && Server == other.Server && Number == other.Number && Construct == other.Construct && Object == other.Object && Takes == other.Takes
        && Expected == other.Expected && File == other.File && Detail == other.Detail
        && (Names.IsDefault ? [] : Names).SequenceEqual(other.Names.IsDefault ? [] : other.Names, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Command, Parameter, Name, Value, Number, Construct, Object, Detail);
}

/// <summary>
/// Why a plan cannot be rehearsed as written: PowerShell that does not parse, a command or parameter extls does not
/// model, a value it cannot follow, or an object the snapshot does not have. Never skipped: any one stops the rehearsal.
/// What went wrong is a kind with its facts, never text: the writers word it in the reader's language.
/// </summary>
public sealed record PlanProblem(PlanPosition Position, PlanProblemKind Kind, PlanProblemArguments Arguments)
{
    public PlanProblem(PlanPosition position, PlanProblemKind kind)
        : this(position, kind, PlanProblemArguments.None)
    {
    }

    /// <summary>The stable name of the kind (camelCase).</summary>
    public string Code => char.ToLowerInvariant(Kind.ToString()[0]) + Kind.ToString()[1..];

    public override string ToString() => $"{Position}: {Code}";
}

/// <summary>The problems of a plan, every one with its line and column.</summary>
public sealed class PlanException : Exception
{
    public PlanException(IEnumerable<PlanProblem> problems)
        : this([.. problems])
    {
    }

    public PlanException(PlanPosition position, PlanProblemKind kind, PlanProblemArguments arguments)
        : this([new PlanProblem(position, kind, arguments)])
    {
    }

    public PlanException()
        : this(ImmutableArray<PlanProblem>.Empty)
    {
    }

    public PlanException(string message)
        : base(message)
    {
        Problems = [];
    }

    public PlanException(string message, Exception inner)
        : base(message, inner)
    {
        Problems = [];
    }

    private PlanException(ImmutableArray<PlanProblem> problems)
        : base(string.Join("\n", problems))
    {
        Problems = problems;
    }

    public ImmutableArray<PlanProblem> Problems { get; }
}
