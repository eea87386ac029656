using System.Collections.Immutable;
using System.Globalization;
using Extls.Import.Formats;
using Extls.Import.Snapshots;
using Extls.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Extls.Import;

/// <summary>The normalised snapshot file (schemas/snapshot.schema.json).</summary>
public static class SnapshotFile
{
    // Built from the schema's JSON tree, not loaded by NJsonSchema (SnapshotSchema says why).
    private static readonly Lazy<JsonSchema> Schema = new(() => SnapshotSchema.Build(SchemaText));

    /// <summary>The schema text, for tools that want to hand it to an editor.</summary>
    public static string SchemaText
    {
        get
        {
            using var stream = typeof(SnapshotFile).Assembly.GetManifestResourceStream("Extls.Import.snapshot.schema.json")
                ?? throw new InvalidOperationException("The snapshot schema is not embedded in the assembly.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Everything in the snapshot, unknown as null, sorted, indented, invariant, LF: the same snapshot gives the same bytes.</summary>
    public static string Write(OrganizationSnapshot snapshot)
    {
        var s = DumpLoader.Normalize(snapshot);
        var root = new JObject
        {
            ["format"] = OrganizationSnapshot.CurrentFormat,
            ["collectedAt"] = Date(s.CollectedAt),
            ["organization"] = s.Organization,
            ["collector"] = s.Collector is { } c
                ? new JObject { ["name"] = c.Name, ["version"] = c.Version, ["host"] = c.Host, ["user"] = c.User, ["powershellVersion"] = c.PowerShellVersion }
                : JValue.CreateNull(),
            ["sources"] = new JArray(s.Sources.Select(x => (object)x)),
            ["servers"] = new JArray(s.Servers.Select(Server)),
            ["sendConnectors"] = Section(s.SendConnectors, SendConnector),
            ["edgeSubscriptions"] = Section(s.EdgeSubscriptions, e => new JObject { ["name"] = e.Name, ["site"] = e.Site, ["location"] = Location(e.Location) }),
            ["hybridConfigurations"] = Section(s.HybridConfigurations, HybridConfiguration),
            ["transportConfig"] = Section(s.TransportConfig, t => new JObject
            {
                ["identity"] = t.Identity,
                ["tlsSendDomainSecureList"] = List(t.TlsSendDomainSecureList),
                ["tlsReceiveDomainSecureList"] = List(t.TlsReceiveDomainSecureList),
                ["internalSmtpServers"] = Ranges(t.InternalSmtpServers),
                ["location"] = Location(t.Location),
            }),
            ["acceptedDomains"] = Section(s.AcceptedDomains, d => new JObject
            {
                ["identity"] = d.Identity, ["name"] = d.Name, ["domainName"] = d.DomainName, ["domainType"] = Enum(d.DomainType),
                ["default"] = d.Default, ["location"] = Location(d.Location),
            }),
            ["run"] = Run(s.Run),
            ["collectionErrors"] = new JArray(s.CollectionErrors.Select(e => new JObject { ["server"] = e.Server, ["section"] = e.Section, ["message"] = e.Message })),
            ["inconsistencies"] = new JArray(s.Inconsistencies.Select(i => new JObject
            {
                ["kind"] = i.Kind.ToId(), ["server"] = i.Server, ["subject"] = i.Subject, ["property"] = i.Property,
                ["dumpValue"] = i.DumpValue, ["actualValue"] = i.ActualValue, ["location"] = Location(i.Location),
            })),
        };

        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2, DateFormatHandling = DateFormatHandling.IsoDateFormat })
        {
            root.WriteTo(writer);
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Reads a snapshot file, validating it against the schema first; every violation is a problem with its line and path.</summary>
    public static LoadResult Read(string text, string file)
    {
        var parsed = JsonSectionParser.ParseText(text, file);
        if (parsed.Root is null)
        {
            return new LoadResult(null, parsed.Problems);
        }

        if (parsed.Root is not JObject root || root["format"] is not JValue { Type: JTokenType.String } format || (string?)format != OrganizationSnapshot.CurrentFormat)
        {
            return new LoadResult(null, [new ImportProblem(file, TokenLocation.LineOf(parsed.Root), "$.format", ProblemKind.NotASnapshot, new() { Value = OrganizationSnapshot.CurrentFormat })]);
        }

        var errors = Schema.Value.Validate(root);
        if (errors.Count > 0)
        {
            var problems = Flatten(errors)
                .Select(e => new ImportProblem(file, e.HasLineInfo ? e.LineNumber : e.Token is { } t ? TokenLocation.LineOf(t) : 0, ErrorPath(e), Kind(e), new() { Name = e.Kind is NJsonSchema.Validation.ValidationErrorKind.PropertyRequired or NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed ? e.Property : e.Kind.ToString() }));
            return new LoadResult(null, DumpLoader.Sorted(problems));
        }

        try
        {
            return new LoadResult(SnapshotReader.Read(root), ImmutableArray<ImportProblem>.Empty);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or ArgumentException or OverflowException or JsonException)
        {
            return new LoadResult(null, [new ImportProblem(file, 0, "$", ProblemKind.CannotRead, new() { Detail = ex.Message })]);
        }
    }

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors)
    {
        foreach (var e in errors)
        {
            if (e is NJsonSchema.Validation.ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                // A value matching no branch of a oneOf: the branch that got furthest says why.
                var inner = child.Errors.Values.SelectMany(x => x).ToList();
                if (inner.Count > 0)
                {
                    foreach (var x in Flatten(inner))
                    {
                        yield return x;
                    }

                    continue;
                }
            }

            yield return e;
        }
    }

    private static string ErrorPath(NJsonSchema.Validation.ValidationError e)
    {
        if (e.Kind == NJsonSchema.Validation.ValidationErrorKind.PropertyRequired || e.Kind == NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed)
        {
            var parent = e.Token is { } t ? TokenLocation.PathOf(t is JProperty p ? p.Parent! : t) : "$";
            return e.Property is null ? parent : parent + "." + e.Property;
        }

        if (e.Token is { } token)
        {
            return TokenLocation.PathOf(token is JProperty prop ? prop.Value : token);
        }

        var path = e.Path ?? "#";
        return "$" + path.TrimStart('#').Replace('/', '.');
    }

    private static ProblemKind Kind(NJsonSchema.Validation.ValidationError e) => e.Kind switch
    {
        NJsonSchema.Validation.ValidationErrorKind.PropertyRequired => ProblemKind.SnapshotPropertyMissing,
        NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed => ProblemKind.SnapshotPropertyUnknown,
        _ => ProblemKind.SnapshotSchemaViolation,
    };

    private static JToken Date(DateTimeOffset? d) =>
        d is { } v ? new JValue(v.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture)) : JValue.CreateNull();

    private static JToken Location(SourceLocation? l)
    {
        if (l is null)
        {
            return JValue.CreateNull();
        }

        var o = new JObject();
        if (l.Dump is { } dump)
        {
            o["dump"] = dump;
        }

        o["file"] = l.File;
        o["line"] = l.Line;
        o["jsonPath"] = l.JsonPath;
        return o;
    }

    private static JToken Enum<T>(T? value)
        where T : struct, Enum => value is { } v ? new JValue(v.ToString()) : JValue.CreateNull();

    private static JToken List(ImmutableArray<string>? list) => list is { } l ? new JArray(l.Select(x => (object)x)) : JValue.CreateNull();

    // Ranges, bindings and addresses are written as the text Exchange gives them, which reads back to the same value.
    private static JToken Ranges(ImmutableArray<IPRange>? list) => list is { } l ? new JArray(l.Select(x => (object)x.ToString())) : JValue.CreateNull();

    private static JToken Bindings(ImmutableArray<IPBinding>? list) => list is { } l ? new JArray(l.Select(x => (object)x.ToString())) : JValue.CreateNull();

    private static JToken Address(System.Net.IPAddress? address) => address is null ? JValue.CreateNull() : new JValue(address.ToString());

    private static JObject HybridConfiguration(HybridConfiguration h) => new()
    {
        ["identity"] = h.Identity,
        ["name"] = h.Name,
        ["tlsCertificateName"] = h.TlsCertificateName,
        ["sendingTransportServers"] = List(h.SendingTransportServers),
        ["receivingTransportServers"] = List(h.ReceivingTransportServers),
        ["edgeTransportServers"] = List(h.EdgeTransportServers),
        ["domains"] = List(h.Domains),
        ["features"] = List(h.Features),
        ["onPremisesSmartHost"] = h.OnPremisesSmartHost,
        ["location"] = Location(h.Location),
    };

    private static JObject Run(CollectionRun r) => new()
    {
        ["finishedAt"] = Date(r.FinishedAt),
        ["complete"] = r.Complete,
        ["interruption"] = r.Interruption,
        ["edgeTransport"] = r.EdgeTransport,
        ["timeoutSeconds"] = r.TimeoutSeconds,
        ["skippedServers"] = new JArray(r.SkippedServers.Select(x => new JObject { ["server"] = x.Server, ["reason"] = x.Reason })),
        ["serverTimings"] = new JArray(r.ServerTimings.Select(x => new JObject { ["server"] = x.Server, ["seconds"] = x.Seconds, ["completed"] = x.Completed })),
        ["sectionTimings"] = new JArray(r.SectionTimings.Select(x => new JObject { ["server"] = x.Server, ["section"] = x.Section, ["seconds"] = x.Seconds })),
        ["location"] = Location(r.Location),
    };

    private static JObject Section<T>(Section<T> section, Func<T, JObject> item)
    {
        var o = new JObject { ["state"] = section.State.ToString(), ["error"] = section.Error };

        // Only an unreadable section has one: snapshots of readable dumps keep their bytes.
        if (section.Problem is { } problem)
        {
            o["problem"] = ProblemJson.Write(problem);
        }

        o["location"] = Location(section.Location);
        o["items"] = new JArray(section.Items.Select(item));
        return o;
    }

    private static JObject Server(ServerSnapshot s) => new()
    {
        ["name"] = s.Name,
        ["fqdn"] = s.Fqdn,
        ["role"] = s.Role.ToString(),
        ["serverRoleText"] = s.ServerRoleText,
        ["adminDisplayVersion"] = s.AdminDisplayVersion,
        ["site"] = s.Site,
        ["location"] = Location(s.Location),
        ["flags"] = new JObject
        {
            ["isHubTransportServer"] = s.Flags.IsHubTransportServer,
            ["isFrontendTransportServer"] = s.Flags.IsFrontendTransportServer,
            ["isEdgeServer"] = s.Flags.IsEdgeServer,
            ["isMailboxServer"] = s.Flags.IsMailboxServer,
            ["isClientAccessServer"] = s.Flags.IsClientAccessServer,
        },
        ["distinguishedName"] = s.DistinguishedName,
        ["originatingServer"] = s.OriginatingServer,
        ["dumpName"] = s.DumpName,
        ["hostAddresses"] = Section(s.HostAddresses, a => new JObject { ["hostName"] = a.HostName, ["address"] = Address(a.Address), ["location"] = Location(a.Location) }),
        ["transportService"] = Section(s.TransportService, t => new JObject { ["internalTransportCertificateThumbprint"] = t.InternalTransportCertificateThumbprint, ["location"] = Location(t.Location) }),
        ["receiveConnectors"] = Section(s.ReceiveConnectors, ReceiveConnector),
        ["certificates"] = Section(s.Certificates, StoreCertificate),
        ["internalCertificate"] = Ad(s.InternalCertificate),
        ["subscriptionCertificate"] = s.SubscriptionCertificate is { } sub ? Ad(sub) : JValue.CreateNull(),
    };

    private static JObject ReceiveConnector(ReceiveConnector c) => new()
    {
        ["identity"] = c.Identity,
        ["name"] = c.Name,
        ["server"] = c.Server,
        ["authMechanism"] = Enum(c.AuthMechanism),
        ["permissionGroups"] = Enum(c.PermissionGroups),
        ["suppressXAnonymousTls"] = c.SuppressXAnonymousTls,
        ["requireTls"] = c.RequireTls,
        ["enabled"] = c.Enabled,
        ["fqdn"] = c.Fqdn,
        ["tlsCertificateName"] = c.TlsCertificateName,
        ["tlsDomainCapabilities"] = c.TlsDomainCapabilities,
        ["transportRole"] = Enum(c.TransportRole),
        ["bindings"] = Bindings(c.Bindings),
        ["remoteIPRanges"] = Ranges(c.RemoteIPRanges),
        ["domainSecureEnabled"] = c.DomainSecureEnabled,
        ["location"] = Location(c.Location),
    };

    private static JObject SendConnector(SendConnector c) => new()
    {
        ["identity"] = c.Identity,
        ["name"] = c.Name,
        ["sourceTransportServers"] = List(c.SourceTransportServers),
        ["smartHosts"] = List(c.SmartHosts),
        ["addressSpaces"] = List(c.AddressSpaces),
        ["smartHostAuthMechanism"] = Enum(c.SmartHostAuthMechanism),
        ["tlsCertificateName"] = c.TlsCertificateName,
        ["fqdn"] = c.Fqdn,
        ["requireTls"] = c.RequireTls,
        ["tlsAuthLevel"] = Enum(c.TlsAuthLevel),
        ["tlsDomain"] = c.TlsDomain,
        ["cloudServicesMailEnabled"] = c.CloudServicesMailEnabled,
        ["enabled"] = c.Enabled,
        ["port"] = c.Port,
        ["dnsRoutingEnabled"] = c.DnsRoutingEnabled,
        ["ignoreStartTls"] = c.IgnoreStartTls,
        ["frontendProxyEnabled"] = c.FrontendProxyEnabled,
        ["sourceIPAddress"] = Address(c.SourceIPAddress),
        ["domainSecureEnabled"] = c.DomainSecureEnabled,
        ["dumpServer"] = c.DumpServer,
        ["location"] = Location(c.Location),
    };

    private static JObject StoreCertificate(StoreCertificate c) => new()
    {
        ["certificate"] = Certificate(c.Certificate),
        ["hasPrivateKey"] = c.HasPrivateKey,
        ["services"] = Enum(c.Services),
        ["status"] = Enum(c.Status),
        ["friendlyName"] = c.FriendlyName,
        ["origin"] = Enum(c.Origin),
        ["unknownProperties"] = new JArray(c.UnknownProperties.Select(x => (object)x)),
        ["location"] = Location(c.Location),
    };

    private static JObject Ad(AdInternalCertificate a) => new()
    {
        ["state"] = a.State.ToString(),
        ["certificate"] = a.Certificate is { } c ? Certificate(c) : JValue.CreateNull(),
        ["readError"] = a.ReadError,
        ["corruptReason"] = a.CorruptReason,
        ["distinguishedName"] = a.DistinguishedName,
        ["location"] = Location(a.Location),
    };

    private static JObject Certificate(CertificateInfo c) => new()
    {
        ["thumbprint"] = c.Thumbprint,
        ["subject"] = c.Subject,
        ["issuer"] = c.Issuer,
        ["notBefore"] = Date(c.NotBefore),
        ["notAfter"] = Date(c.NotAfter),
        ["subjectCommonName"] = c.SubjectCommonName,
        ["dnsNames"] = new JArray(c.DnsNames.Select(x => (object)x)),
        ["version"] = c.Version,
        ["keyAlgorithm"] = c.KeyAlgorithm,
        ["keySize"] = c.KeySize,
        ["signatureAlgorithm"] = c.SignatureAlgorithm,
        ["signatureAlgorithmOid"] = c.SignatureAlgorithmOid,
        ["isSelfSigned"] = c.IsSelfSigned,
        ["fromDer"] = c.FromDer,
        ["rawData"] = c.RawData.IsDefaultOrEmpty ? JValue.CreateNull() : new JValue(Convert.ToBase64String(c.RawData.AsSpan())),
    };
}
