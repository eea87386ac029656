using System.Collections.Immutable;
using System.Globalization;
using System.Management.Automation.Language;
using System.Text;
using Extls.Generation;
using Extls.Model;

namespace Extls.Planning;

/// <summary>The inputs of a rehearsal that are not in the plan.</summary>
/// <param name="AsOf">The instant new certificates are made at: their NotBefore is the as-of, never the clock.</param>
/// <param name="WorkingFolder">Where an inline command's relative file names resolve.</param>
public sealed record PlanContext(DateTimeOffset AsOf, string WorkingFolder)
{
    /// <summary>What a Read-Host -AsSecureString in the plan is answered with (a .pfx password), when given.</summary>
    public string? Password { get; init; }
}

/// <summary>
/// Works out what a plan does to a snapshot: each command, in order, over an immutable snapshot that each change
/// replaces. Values are followed as PowerShell would bind them (literals, variables assigned earlier, the objects
/// Get-, Import- and New-ExchangeCertificate return, their properties); anything else is a problem at its line and
/// column, collected for the whole plan, never skipped.
/// </summary>
internal sealed partial class PlanRunner
{
    private readonly PlanContext context;
    private readonly PromptAnswer openAnswer;
    private readonly Dictionary<string, Value?> variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<PlannedChange> changes = [];
    private readonly List<PlanProblem> problems = [];
    private readonly CertificateFactory factory = new();
    private Plan plan = null!;
    private int openPrompts;

    private PlanRunner(OrganizationSnapshot snapshot, PlanContext context, PromptAnswer openAnswer)
    {
        Snapshot = snapshot;
        this.context = context;
        this.openAnswer = openAnswer;
    }

    private OrganizationSnapshot Snapshot { get; set; }

    /// <summary>Applies <paramref name="plans"/>, in order, to <paramref name="snapshot"/>; open prompts are all answered <paramref name="openAnswer"/>.</summary>
    /// <exception cref="PlanException">Every problem of the plans, each with its line and column.</exception>
    public static PlanApplication Apply(IReadOnlyList<Plan> plans, OrganizationSnapshot snapshot, PlanContext context, PromptAnswer openAnswer)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(context);
        if (!PowerShellParser.IsSupported)
        {
            throw PowerShellParser.Missing();
        }

        var runner = new PlanRunner(snapshot, context, openAnswer);
        foreach (var p in plans)
        {
            runner.plan = p;
            foreach (var statement in p.Statements)
            {
                runner.Statement(statement);
            }
        }

        if (runner.problems.Count > 0)
        {
            throw new PlanException(runner.problems);
        }

        return new PlanApplication(runner.Snapshot, [.. runner.changes], runner.openPrompts, openAnswer);
    }

    private PlanPosition At(Ast ast) => PlanPosition.Of(plan.Name, ast.Extent);

    private static StatementFailed Fail(Ast ast, PlanProblemKind kind, PlanProblemArguments? arguments = null) => new(ast, kind, arguments ?? PlanProblemArguments.None);

    private void Note(ChangeKind kind, Ast at, string command, string? server = null, string? target = null, string? property = null,
        string? before = null, string? after = null) =>
        changes.Add(new PlannedChange(kind, At(at), command) { Server = server, Target = target, Property = property, Before = before, After = after });

    private void Add(PlannedChange change) => changes.Add(change);

    private void Statement(StatementAst statement)
    {
        // One failing statement leaves the snapshot as it was and the rest of the plan goes on, so that one run lists
        // every problem; a variable it would have set is marked, so that later uses do not report the same failure again.
        var before = Snapshot;
        var changeCount = changes.Count;
        try
        {
            switch (statement)
            {
                case AssignmentStatementAst assignment:
                    Assign(assignment);
                    break;
                case PipelineAst pipeline:
                    Pipeline(pipeline, wantOutput: false);
                    break;
                default:
                    throw Fail(statement, PlanProblemKind.StatementNotFollowed, Describe(statement));
            }
        }
        catch (StatementFailed e)
        {
            Snapshot = before;
            changes.RemoveRange(changeCount, changes.Count - changeCount);
            if (!e.AlreadyReported)
            {
                problems.Add(new PlanProblem(At(e.At), e.Kind, e.Arguments));
            }

            if (statement is AssignmentStatementAst { Left: VariableExpressionAst v })
            {
                variables[v.VariablePath.UserPath] = null;
            }
        }
    }

    private static PlanProblemArguments Describe(StatementAst statement) => statement switch
    {
        IfStatementAst => new() { Construct = PlanConstruct.If },
        ForEachStatementAst => new() { Construct = PlanConstruct.ForEach },
        ForStatementAst or WhileStatementAst or DoWhileStatementAst or DoUntilStatementAst => new() { Construct = PlanConstruct.Loop },
        FunctionDefinitionAst => new() { Construct = PlanConstruct.FunctionDefinition },
        TryStatementAst => new() { Construct = PlanConstruct.Try },
        SwitchStatementAst => new() { Construct = PlanConstruct.Switch },
        _ => new()
        {
            Construct = PlanConstruct.Other,
            Name = statement.GetType().Name.Replace("StatementAst", "", StringComparison.Ordinal).Replace("Ast", "", StringComparison.Ordinal).ToLowerInvariant(),
        },
    };

    private void Assign(AssignmentStatementAst assignment)
    {
        if (assignment.Left is not VariableExpressionAst { Splatted: false } variable || variable.VariablePath.DriveName is not null || assignment.Operator != TokenKind.Equals)
        {
            throw Fail(assignment, PlanProblemKind.AssignmentNotPlain);
        }

        var value = assignment.Right switch
        {
            CommandExpressionAst e => Eval(e.Expression),
            PipelineAst p when p.GetPureExpression() is { } e => Eval(e),
            PipelineAst p => Inner(p),
            var other => throw Fail(other, PlanProblemKind.AssignmentValueNotFollowed),
        };
        variables[variable.VariablePath.UserPath] = value;
    }

    /// <summary>Commands whose effect the rehearsal models; a pipeline with none of them changes nothing.</summary>
    private static bool Changes(CmdletKind kind) => kind is CmdletKind.EnableExchangeCertificate or CmdletKind.ImportExchangeCertificate
        or CmdletKind.RemoveExchangeCertificate or CmdletKind.NewExchangeCertificate or CmdletKind.SetReceiveConnector
        or CmdletKind.SetSendConnector or CmdletKind.NewEdgeSubscription or CmdletKind.RemoveEdgeSubscription or CmdletKind.SetHybridConfiguration;

    private Value Pipeline(PipelineAst pipeline, bool wantOutput)
    {
        var elements = pipeline.PipelineElements;
        var commands = elements.OfType<CommandAst>().ToList();
        var changing = commands.Any(c => c.GetCommandName() is { } n && Cmdlets.Find(n) is { } spec && Changes(spec.Kind));
        if (!changing && !wantOutput)
        {
            // Reading and showing: nothing of it is evaluated, so any read-only pipeline is accepted as it is.
            foreach (var c in commands)
            {
                var name = c.GetCommandName();
                if (name is null || (Cmdlets.Find(name) is null && !Cmdlets.HasNoEffect(name)))
                {
                    throw Fail(c, PlanProblemKind.UnsupportedCommand, Unsupported(name, c));
                }
            }

            if (elements.Count > 0)
            {
                Note(ChangeKind.NoEffect, pipeline, commands.FirstOrDefault()?.GetCommandName() ?? "expression");
            }

            return NullValue.Instance;
        }

        Value? input = null;
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            if (element is CommandExpressionAst expression)
            {
                if (i != 0)
                {
                    throw Fail(element, PlanProblemKind.ExpressionNotFirst);
                }

                input = Eval(expression.Expression);
                continue;
            }

            var command = (CommandAst)element;
            if (command.InvocationOperator != TokenKind.Unknown)
            {
                throw Fail(command, PlanProblemKind.InvocationOperator);
            }

            var name = command.GetCommandName() ?? throw Fail(command, PlanProblemKind.ComputedCommandName);
            var spec = Cmdlets.Find(name);
            if (spec is null)
            {
                if (string.Equals(name, "Where-Object", StringComparison.OrdinalIgnoreCase))
                {
                    input = Filter(command, input);
                    continue;
                }

                if (Cmdlets.HasNoEffect(name) && elements.Skip(i).OfType<CommandAst>().All(c => c.GetCommandName() is { } n && Cmdlets.Find(n) is null && Cmdlets.HasNoEffect(n)))
                {
                    // Format-List and the like at the end of a pipeline only show what came before.
                    if (wantOutput)
                    {
                        throw Fail(command, PlanProblemKind.DisplayOutputAssigned, new() { Command = name });
                    }

                    return NullValue.Instance;
                }

                throw Cmdlets.HasNoEffect(name)
                    ? Fail(command, PlanProblemKind.DisplayCommandInPipeline, new() { Command = name })
                    : Fail(command, PlanProblemKind.UnsupportedCommand, Unsupported(name, command));
            }

            input = Invoke(spec, command, input);
        }

        return input ?? NullValue.Instance;
    }

    private static PlanProblemArguments Unsupported(string? name, CommandAst command) =>
        new() { Command = name ?? command.Extent.Text, Names = [.. Cmdlets.Supported] };

    /// <summary>Where-Object in its simplified form (<c>Where-Object Thumbprint -in $list</c>), the one filter a rehearsal can follow.</summary>
    private Value Filter(CommandAst command, Value? input)
    {
        var e = command.CommandElements;
        if (input is null || e.Count != 4 || e[1] is not StringConstantExpressionAst property || e[2] is not CommandParameterAst op || op.Argument is not null)
        {
            throw Fail(command, PlanProblemKind.WhereObjectForm);
        }

        var wanted = Eval((ExpressionAst)e[3]).Items().Select(v => v.AsText() ?? "").ToList();
        var kept = new List<Value>();
        foreach (var item in input.Items())
        {
            var actual = Member(item, property.Value, property).AsText() ?? "";
            var keep = op.ParameterName.ToLowerInvariant() switch
            {
                "eq" or "ieq" => wanted.Count == 1 && string.Equals(actual, wanted[0], StringComparison.OrdinalIgnoreCase),
                "ne" or "ine" => wanted.Count == 1 && !string.Equals(actual, wanted[0], StringComparison.OrdinalIgnoreCase),
                "in" or "iin" => wanted.Contains(actual, StringComparer.OrdinalIgnoreCase),
                "like" or "ilike" => wanted.Count == 1 && Like(actual, wanted[0]),
                _ => throw Fail(op, PlanProblemKind.WhereObjectOperator, new() { Parameter = op.ParameterName }),
            };
            if (keep)
            {
                kept.Add(item);
            }
        }

        return new ListValue([.. kept]);
    }

    private static bool Like(string text, string pattern)
    {
        var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(text, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private Value Invoke(CmdletSpec spec, CommandAst command, Value? input)
    {
        var bound = Bind(spec, command);
        if (input is null)
        {
            return Run(spec, bound, null);
        }

        // A cmdlet runs once for each object piped to it, as its process block does.
        var outputs = new List<Value>();
        foreach (var item in input.Items())
        {
            outputs.AddRange(Run(spec, bound, item).Items());
        }

        return outputs.Count == 1 ? outputs[0] : new ListValue([.. outputs]);
    }

    private Value Run(CmdletSpec spec, Bound bound, Value? input) => spec.Kind switch
    {
        CmdletKind.GetExchangeCertificate => GetCertificate(bound, input),
        CmdletKind.EnableExchangeCertificate => EnableCertificate(bound, input),
        CmdletKind.ImportExchangeCertificate => ImportCertificate(bound, input),
        CmdletKind.RemoveExchangeCertificate => RemoveCertificate(bound, input),
        CmdletKind.NewExchangeCertificate => NewCertificate(bound, input),
        CmdletKind.GetReceiveConnector => GetReceiveConnector(bound, input),
        CmdletKind.SetReceiveConnector => SetReceiveConnector(bound, input),
        CmdletKind.GetSendConnector => GetSendConnector(bound, input),
        CmdletKind.SetSendConnector => SetSendConnector(bound, input),
        CmdletKind.NewEdgeSubscription => NewEdgeSubscription(bound, input),
        CmdletKind.RemoveEdgeSubscription => RemoveEdgeSubscription(bound, input),
        CmdletKind.GetEdgeSubscription => GetEdgeSubscription(bound, input),
        CmdletKind.SetHybridConfiguration => SetHybridConfiguration(bound, input),
        _ => throw Fail(bound.Command, PlanProblemKind.CmdletNotRehearsed, new() { Command = spec.Name }),
    };

    /// <summary>One parameter as the command line gave it: its value expression, or for a switch its optional :$value.</summary>
    private sealed record Argument(ParameterSpec Spec, ExpressionAst? Value, Ast At);

    /// <summary>A command with its arguments bound to the cmdlet's parameters.</summary>
    private sealed record Bound(CmdletSpec Spec, CommandAst Command, IReadOnlyDictionary<string, Argument> Arguments)
    {
        public Argument? this[string name] => Arguments.GetValueOrDefault(name);

        public bool Has(string name) => Arguments.ContainsKey(name);
    }

    private Bound Bind(CmdletSpec spec, CommandAst command)
    {
        var arguments = new Dictionary<string, Argument>(StringComparer.OrdinalIgnoreCase);
        var positional = new List<ExpressionAst>();
        var elements = command.CommandElements;
        for (var i = 1; i < elements.Count; i++)
        {
            var element = elements[i];
            if (element is VariableExpressionAst { Splatted: true })
            {
                throw Fail(element, PlanProblemKind.Splatted);
            }

            if (element is not CommandParameterAst p)
            {
                positional.Add((ExpressionAst)element);
                continue;
            }

            var parameter = spec.Find(p.ParameterName, out var ambiguous)
                ?? throw (ambiguous.IsDefaultOrEmpty
                    ? Fail(p, PlanProblemKind.UnknownParameter, new() { Parameter = p.ParameterName, Command = spec.Name })
                    : Fail(p, PlanProblemKind.AmbiguousParameter, new() { Parameter = p.ParameterName, Command = spec.Name, Names = [.. ambiguous] }));
            if (arguments.ContainsKey(parameter.Name))
            {
                throw Fail(p, PlanProblemKind.ParameterRepeated, new() { Parameter = parameter.Name });
            }

            ExpressionAst? value = p.Argument;
            if (!parameter.Switch && value is null)
            {
                if (i + 1 >= elements.Count || elements[i + 1] is CommandParameterAst)
                {
                    throw Fail(p, PlanProblemKind.ParameterNeedsValue, new() { Parameter = parameter.Name });
                }

                value = (ExpressionAst)elements[++i];
            }

            arguments[parameter.Name] = new Argument(parameter, value, p);
        }

        if (positional.Count > spec.Positional.Length)
        {
            throw Fail(positional[spec.Positional.Length], PlanProblemKind.TooManyPositional,
                new() { Command = spec.Name, Number = spec.Positional.Length, Value = positional[spec.Positional.Length].Extent.Text });
        }

        for (var i = 0; i < positional.Count; i++)
        {
            var name = spec.Positional[i];
            if (arguments.ContainsKey(name))
            {
                throw Fail(positional[i], PlanProblemKind.ParameterRepeatedByPosition, new() { Parameter = name });
            }

            arguments[name] = new Argument(spec.Parameters[name], positional[i], positional[i]);
        }

        var bound = new Bound(spec, command, arguments);
        foreach (var a in arguments.Values.OrderBy(a => a.At.Extent.StartOffset))
        {
            switch (a.Spec.Use)
            {
                case ParameterUse.WhatIf:
                    Note(ChangeKind.WhatIfIgnored, a.At, spec.Name);
                    break;
                case ParameterUse.Ignored:
                    Note(ChangeKind.ParameterIgnored, a.At, spec.Name, property: a.Spec.Name);
                    break;
            }
        }

        return bound;
    }

    // ----- values -----

    private Value Eval(ExpressionAst expression)
    {
        switch (expression)
        {
            case StringConstantExpressionAst s:
                return new TextValue(s.Value);
            case ExpandableStringExpressionAst s:
                return new TextValue(Expand(s));
            case ConstantExpressionAst c:
                return c.Value switch
                {
                    int i => new NumberValue(i),
                    long l => new NumberValue(l),
                    bool b => new BoolValue(b),
                    null => NullValue.Instance,
                    var other => new TextValue(Convert.ToString(other, CultureInfo.InvariantCulture) ?? ""),
                };
            case VariableExpressionAst v:
                return Variable(v);
            case ArrayLiteralAst a:
                return new ListValue([.. a.Elements.Select(Eval)]);
            case ArrayExpressionAst a:
                return new ListValue([.. a.SubExpression.Statements.SelectMany(s => Statement(s, a).Items())]);
            case SubExpressionAst s:
                var items = s.SubExpression.Statements.Select(st => Statement(st, s)).ToList();
                return items.Count == 1 ? items[0] : new ListValue([.. items.SelectMany(i => i.Items())]);
            case ParenExpressionAst p:
                return p.Pipeline switch
                {
                    PipelineAst pa when pa.GetPureExpression() is { } e => Eval(e),
                    PipelineAst pa => Inner(pa),
                    var other => throw Fail(other, PlanProblemKind.ExpressionNotFollowed),
                };
            case InvokeMemberExpressionAst im:
                return Invocation(im);
            case MemberExpressionAst m:
                var target = Eval(m.Expression);
                if (m.Member is not StringConstantExpressionAst member)
                {
                    throw Fail(m, PlanProblemKind.ComputedPropertyName);
                }

                return Member(target, member.Value, m);
            case ConvertExpressionAst c:
                // [byte[]](Get-Content …), [string]$x: the value passes through; the parameter decides what it means.
                return Eval(c.Child);
            case BinaryExpressionAst b:
                return Binary(b);
            case HashtableAst:
                throw Fail(expression, PlanProblemKind.HashtableValue);
            case ScriptBlockExpressionAst:
                throw Fail(expression, PlanProblemKind.ScriptBlockValue);
            default:
                throw Fail(expression, PlanProblemKind.ValueNotFollowed, new() { Value = Short(expression) });
        }
    }

    private Value Statement(StatementAst statement, Ast at) => statement switch
    {
        PipelineAst p when p.GetPureExpression() is { } e => Eval(e),
        PipelineAst p => Inner(p),
        _ => throw Fail(at, PlanProblemKind.StatementInSubexpression),
    };

    private static string Short(Ast ast)
    {
        var text = ast.Extent.Text.ReplaceLineEndings(" ");
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    private Value Variable(VariableExpressionAst v)
    {
        if (v.Splatted)
        {
            throw Fail(v, PlanProblemKind.Splatted);
        }

        var path = v.VariablePath;
        if (path.DriveName is { } drive)
        {
            throw Fail(v, PlanProblemKind.DriveVariable, new() { Value = $"${drive}:{path.UserPath.Split(':').Last()}" });
        }

        var name = path.UserPath;
        switch (name.ToLowerInvariant())
        {
            case "true":
                return new BoolValue(true);
            case "false":
                return new BoolValue(false);
            case "null":
                return NullValue.Instance;
            case "_" or "psitem":
                throw Fail(v, PlanProblemKind.PipelineVariable);
        }

        if (!variables.TryGetValue(name, out var value))
        {
            throw Fail(v, PlanProblemKind.VariableNotAssigned, new() { Name = name });
        }

        // Assigned by a statement that failed: that failure is already reported.
        return value ?? throw new StatementFailed(v, PlanProblemKind.VariableNotAssigned, new() { Name = name }, alreadyReported: true);
    }

    private string Expand(ExpandableStringExpressionAst s)
    {
        var text = s.Extent.Text;
        if (s.StringConstantType is not (StringConstantType.DoubleQuoted or StringConstantType.DoubleQuotedHereString))
        {
            return s.Value;
        }

        // The literal parts come from the source between the nested expressions, each expression's value in its place.
        var start = s.Extent.StartOffset;
        var open = s.StringConstantType == StringConstantType.DoubleQuoted ? 1 : text.IndexOf('\n', StringComparison.Ordinal) + 1;
        var close = s.StringConstantType == StringConstantType.DoubleQuoted ? text.Length - 1 : text.LastIndexOf('\n');
        var sb = new StringBuilder();
        var at = open;
        foreach (var nested in s.NestedExpressions.OrderBy(n => n.Extent.StartOffset))
        {
            var from = nested.Extent.StartOffset - start;
            sb.Append(Unescape(text[at..from]));
            sb.Append(Eval(nested).AsText() ?? throw Fail(nested, PlanProblemKind.NoTextValue, new() { Value = Short(nested) }));
            at = nested.Extent.EndOffset - start;
        }

        sb.Append(Unescape(text[at..Math.Max(at, close)]));
        return sb.ToString();
    }

    private static string Unescape(string literal)
    {
        var sb = new StringBuilder(literal.Length);
        for (var i = 0; i < literal.Length; i++)
        {
            var c = literal[i];
            if (c == '`' && i + 1 < literal.Length)
            {
                var next = literal[++i];
                sb.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', '0' => '\0', _ => next });
            }
            else if (c == '"' && i + 1 < literal.Length && literal[i + 1] == '"')
            {
                sb.Append('"');
                i++;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private Value Binary(BinaryExpressionAst b)
    {
        switch (b.Operator)
        {
            case TokenKind.Isplit or TokenKind.Csplit:
                var text = Eval(b.Left).AsText() ?? throw Fail(b.Left, PlanProblemKind.SplitNeedsText);
                var separator = Eval(b.Right).AsText() ?? throw Fail(b.Right, PlanProblemKind.SplitNeedsSeparator);
                if (separator.Any(ch => "\\^$.|?*+()[]{}".Contains(ch, StringComparison.Ordinal)))
                {
                    throw Fail(b.Right, PlanProblemKind.SplitRegex);
                }

                return new ListValue([.. text.Split(separator).Select(t => (Value)new TextValue(t))]);
            case TokenKind.Plus:
                var left = Eval(b.Left);
                var right = Eval(b.Right);
                if (left is NumberValue l && right is NumberValue r)
                {
                    return new NumberValue(l.Number + r.Number);
                }

                if (left is TextValue or NumberValue && right.AsText() is { } rt)
                {
                    return new TextValue(left.AsText() + rt);
                }

                throw Fail(b, PlanProblemKind.AddOperands);
            default:
                throw Fail(b, PlanProblemKind.OperatorNotFollowed, new() { Value = b.ErrorPosition.Text });
        }
    }

    /// <summary>[System.IO.File]::ReadAllBytes('x.pfx'): the one method a plan may call, to give Import-ExchangeCertificate its file.</summary>
    private Value Invocation(InvokeMemberExpressionAst im)
    {
        if (im.Static && im.Expression is TypeExpressionAst type && im.Member is StringConstantExpressionAst member
            && type.TypeName.FullName.ToLowerInvariant() is "system.io.file" or "io.file"
            && member.Value.Equals("ReadAllBytes", StringComparison.OrdinalIgnoreCase) && im.Arguments is { Count: 1 } args)
        {
            var path = Eval(args[0]).AsText() ?? throw Fail(args[0], PlanProblemKind.ReadAllBytesNeedsFile);
            return new FileValue(path);
        }

        throw Fail(im, PlanProblemKind.MethodCallNotFollowed, new() { Value = Short(im) });
    }

    /// <summary>A command inside ( ): a password, a file's bytes, or a cmdlet that returns an Exchange object.</summary>
    private Value Inner(PipelineAst pipeline)
    {
        if (pipeline.PipelineElements is [CommandAst single] && single.GetCommandName() is { } name)
        {
            switch (name.ToLowerInvariant())
            {
                case "convertto-securestring":
                    return Secret(single);
                case "get-content":
                    return Content(single);
                case "read-host" when single.CommandElements.OfType<CommandParameterAst>().Any(p => "AsSecureString".StartsWith(p.ParameterName, StringComparison.OrdinalIgnoreCase) && p.ParameterName.Length >= 3):
                    // The password the administrator will type: the rehearsal takes the one it was given (--password).
                    return context.Password is { } typed
                        ? new SecretValue(typed)
                        : throw Fail(single, PlanProblemKind.PasswordNotGiven);
                case "read-host" or "get-credential":
                    throw Fail(single, PlanProblemKind.InputRequested, new() { Command = name });
            }
        }

        return Pipeline(pipeline, wantOutput: true);
    }

    private Value Secret(CommandAst command)
    {
        string? text = null;
        var plain = false;
        var e = command.CommandElements;
        for (var i = 1; i < e.Count; i++)
        {
            if (e[i] is CommandParameterAst p)
            {
                switch (p.ParameterName.ToLowerInvariant())
                {
                    case "string":
                        text = p.Argument is { } arg ? Eval(arg).AsText() : i + 1 < e.Count ? Eval((ExpressionAst)e[++i]).AsText() : null;
                        break;
                    case "asplaintext":
                        plain = true;
                        break;
                    case "force":
                        break;
                    default:
                        throw Fail(p, PlanProblemKind.HelperParameterNotFollowed, new() { Parameter = p.ParameterName, Command = "ConvertTo-SecureString" });
                }
            }
            else
            {
                text = Eval((ExpressionAst)e[i]).AsText();
            }
        }

        return plain && text is not null
            ? new SecretValue(text)
            : throw Fail(command, PlanProblemKind.SecureStringForm);
    }

    private Value Content(CommandAst command)
    {
        string? path = null;
        var bytes = false;
        var e = command.CommandElements;
        for (var i = 1; i < e.Count; i++)
        {
            if (e[i] is CommandParameterAst p)
            {
                var name = p.ParameterName.ToLowerInvariant();
                switch (name)
                {
                    case "path" or "literalpath":
                        path = p.Argument is { } a ? Eval(a).AsText() : i + 1 < e.Count ? Eval((ExpressionAst)e[++i]).AsText() : null;
                        break;
                    case "encoding":
                        var enc = p.Argument is { } ea ? Eval(ea).AsText() : i + 1 < e.Count ? Eval((ExpressionAst)e[++i]).AsText() : null;
                        bytes |= string.Equals(enc, "Byte", StringComparison.OrdinalIgnoreCase);
                        break;
                    case "asbytestream":
                        bytes = true;
                        break;
                    case "readcount":
                        if (p.Argument is null)
                        {
                            i++;
                        }

                        break;
                    case "raw":
                        break;
                    default:
                        throw Fail(p, PlanProblemKind.HelperParameterNotFollowed, new() { Parameter = p.ParameterName, Command = "Get-Content" });
                }
            }
            else
            {
                path = Eval((ExpressionAst)e[i]).AsText();
            }
        }

        return bytes && path is not null
            ? new FileValue(path)
            : throw Fail(command, PlanProblemKind.GetContentForm);
    }

    private Value Member(Value target, string name, Ast at)
    {
        string? text = target switch
        {
            CertificateObject c => name.ToLowerInvariant() switch
            {
                "thumbprint" => c.Store.Thumbprint,
                "subject" => c.Store.Certificate.Subject,
                "issuer" => c.Store.Certificate.Issuer,
                "friendlyname" => c.Store.FriendlyName ?? "",
                "identity" => $"{c.Server}\\{c.Store.Thumbprint}",
                "notafter" => c.Store.Certificate.NotAfter.ToString("O", CultureInfo.InvariantCulture),
                "notbefore" => c.Store.Certificate.NotBefore.ToString("O", CultureInfo.InvariantCulture),
                _ => null,
            },
            ReceiveConnectorObject r => name.ToLowerInvariant() switch
            {
                "identity" => r.Identity,
                "name" => FindReceive(r.Identity, at).Connector.Name,
                "server" => FindReceive(r.Identity, at).Server.Name,
                "fqdn" => FindReceive(r.Identity, at).Connector.Fqdn ?? "",
                "tlscertificatename" => FindReceive(r.Identity, at).Connector.TlsCertificateName ?? "",
                _ => null,
            },
            SendConnectorObject s => name.ToLowerInvariant() switch
            {
                "identity" or "name" => s.Identity,
                "fqdn" => FindSend(s.Identity, at).Fqdn ?? "",
                "tlscertificatename" => FindSend(s.Identity, at).TlsCertificateName ?? "",
                _ => null,
            },
            SubscriptionObject e when name.Equals("Name", StringComparison.OrdinalIgnoreCase) || name.Equals("Identity", StringComparison.OrdinalIgnoreCase) => e.Edge,
            ListValue { Values.Length: 1 } list => Member(list.Values[0], name, at).AsText(),
            _ => null,
        };
        return text is null
            ? throw Fail(at, PlanProblemKind.PropertyNotFollowed, new() { Name = name, Object = Kind(target) })
            : new TextValue(text);
    }

    private static PlanObjectKind Kind(Value value) => value switch
    {
        CertificateObject => PlanObjectKind.Certificate,
        ReceiveConnectorObject => PlanObjectKind.ReceiveConnector,
        SendConnectorObject => PlanObjectKind.SendConnector,
        SubscriptionObject => PlanObjectKind.EdgeSubscription,
        ListValue => PlanObjectKind.List,
        _ => PlanObjectKind.Other,
    };

    /// <summary>Thrown inside one statement; the statement is undone and the problem recorded.</summary>
    private sealed class StatementFailed : Exception
    {
        public StatementFailed(Ast at, PlanProblemKind kind, PlanProblemArguments arguments, bool alreadyReported = false)
            : base(kind.ToString())
        {
            At = at;
            Kind = kind;
            Arguments = arguments;
            AlreadyReported = alreadyReported;
        }

        public StatementFailed()
        {
            At = null!;
            Arguments = PlanProblemArguments.None;
        }

        public StatementFailed(string message)
            : base(message)
        {
            At = null!;
            Arguments = PlanProblemArguments.None;
        }

        public StatementFailed(string message, Exception inner)
            : base(message, inner)
        {
            At = null!;
            Arguments = PlanProblemArguments.None;
        }

        public Ast At { get; }

        public PlanProblemKind Kind { get; }

        public PlanProblemArguments Arguments { get; }

        public bool AlreadyReported { get; }
    }
}
