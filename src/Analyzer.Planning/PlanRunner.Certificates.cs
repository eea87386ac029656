using System.Collections.Immutable;
using System.Globalization;
using System.Management.Automation.Language;
using Extls.Generation;
using Extls.Model;

namespace Extls.Planning;

/// <summary>Get-, Enable-, Import-, Remove- and New-ExchangeCertificate.</summary>
internal sealed partial class PlanRunner
{
    /// <summary>Requests New-ExchangeCertificate -GenerateRequest made, by server: the subject a later .cer import completes.</summary>
    private readonly Dictionary<string, HashSet<string>> requests = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>"SERVER\THUMBPRINT" or a bare thumbprint, as -Identity and the first position take it.</summary>
    private (string? Server, string? Thumbprint) Identity(Bound bound)
    {
        var thumbprint = Text(bound, "Thumbprint");
        var identity = Text(bound, "Identity");
        if (identity is null)
        {
            return (null, thumbprint is null ? null : Thumbprints.Normalize(thumbprint));
        }

        var slash = identity.LastIndexOf('\\');
        return slash > 0 ? (identity[..slash], Thumbprints.Normalize(identity[(slash + 1)..])) : (null, Thumbprints.Normalize(identity));
    }

    /// <summary>The certificate a cmdlet acts on: the object piped in, or -Thumbprint / -Identity on its server.</summary>
    private (ServerSnapshot Server, StoreCertificate Certificate) Certificate(Bound bound, Value? input)
    {
        if (input is not null and not CertificateObject)
        {
            throw Fail(bound.Command, PlanProblemKind.WrongPipelineInput, new() { Command = bound.Spec.Name, Takes = PlanObjectKind.Certificate, Object = Kind(input) });
        }

        var (identityServer, thumbprint) = Identity(bound);
        if (input is CertificateObject piped)
        {
            thumbprint ??= piped.Store.Thumbprint;
        }

        if (thumbprint is null)
        {
            throw Fail(bound.Command, PlanProblemKind.ThumbprintMissing, new() { Command = bound.Spec.Name });
        }

        var server = identityServer is not null ? Server(identityServer, bound.Command) : ServerFor(bound, input, thumbprint);
        var store = Store(server, bound.Command);
        var found = store.FirstOrDefault(c => Thumbprints.AreEqual(c.Thumbprint, thumbprint));
        return found is null
            ? throw Fail(bound.Command, PlanProblemKind.CertificateNotInStore, new() { Name = server.Name, Value = thumbprint, Number = RemovedEarlier(server.Name, thumbprint) })
            : (server, found);
    }

    /// <summary>The line at which the plan removed the certificate, when it did.</summary>
    private int? RemovedEarlier(string server, string thumbprint) =>
        changes.LastOrDefault(c => c.Kind == ChangeKind.CertificateRemoved && NameOrder.Same(c.Server, server) && Thumbprints.AreEqual(c.Target, thumbprint))?.Position.Line;

    private Value GetCertificate(Bound bound, Value? input)
    {
        if (input is not null)
        {
            throw Fail(bound.Command, PlanProblemKind.NoPipelineInput, new() { Command = bound.Spec.Name });
        }

        var (identityServer, thumbprint) = Identity(bound);
        if (thumbprint is not null)
        {
            var (server, certificate) = Certificate(bound, null);
            return new CertificateObject(server.Name, certificate);
        }

        var all = identityServer is not null ? Server(identityServer, bound.Command) : ServerFor(bound, null, null);
        return new ListValue([.. Store(all, bound.Command).Select(c => (Value)new CertificateObject(all.Name, c))]);
    }

    private Value EnableCertificate(Bound bound, Value? input)
    {
        var (server, certificate) = Certificate(bound, input);
        if (!bound.Has("Services"))
        {
            throw Fail(bound.Command, PlanProblemKind.ServicesMissing);
        }

        var services = Flags<CertificateServices>(bound, "Services");
        server = AddServices(bound, server, certificate, services);
        if (services.HasFlag(CertificateServices.SMTP))
        {
            OfferAsDefault(bound, Current(server.Name), Store(Current(server.Name), bound.Command).First(c => Thumbprints.AreEqual(c.Thumbprint, certificate.Thumbprint)));
        }

        return new CertificateObject(server.Name, Store(Current(server.Name), bound.Command).First(c => Thumbprints.AreEqual(c.Thumbprint, certificate.Thumbprint)));
    }

    private ServerSnapshot AddServices(Bound bound, ServerSnapshot server, StoreCertificate certificate, CertificateServices services)
    {
        var before = certificate.Services;
        var after = (before ?? CertificateServices.None) | services;
        if (before == after)
        {
            return server;
        }

        var updated = certificate with { Services = after, UnknownProperties = certificate.UnknownProperties.Remove("Services") };
        SetStore(server, server.Certificates.Items.Replace(certificate, updated));
        Note(ChangeKind.ServicesEnabled, bound.Command, bound.Spec.Name, server.Name, certificate.Thumbprint, "Services",
            before is { } b ? ServiceText(b) : null, ServiceText(after));
        return Current(server.Name);
    }

    internal static string ServiceText(CertificateServices services) =>
        services == CertificateServices.None ? "None" : string.Join(", ", Enum.GetValues<CertificateServices>().Where(s => s != CertificateServices.None && services.HasFlag(s)));

    /// <summary>
    /// What enabling a certificate for SMTP does to the internal transport certificate. Exchange asks whether to overwrite
    /// the existing default SMTP certificate when there is one in the store that differs (A10: -Force or -Confirm:$false
    /// answers yes; a plan that says neither leaves the prompt open, answered one way in each outcome). With nothing to
    /// overwrite, or when the certificate already is the default, it is published without a prompt.
    /// </summary>
    private void OfferAsDefault(Bound bound, ServerSnapshot server, StoreCertificate certificate)
    {
        var ad = server.InternalCertificate;
        var store = server.Certificates.IsKnown ? server.Certificates.Items : [];
        var asks = ad.State switch
        {
            AdCertificateState.Present => !Thumbprints.AreEqual(ad.Thumbprint, certificate.Thumbprint) && store.Any(c => Thumbprints.AreEqual(c.Thumbprint, ad.Thumbprint)),
            AdCertificateState.Empty or AdCertificateState.Corrupt => false,

            // Unreadable or not collected: whether there is a default to overwrite is unknown, so the answer matters.
            _ => true,
        };

        PromptAnswer? answer = null;
        PromptSource? source = null;
        if (asks)
        {
            if (Switch(bound, "Force"))
            {
                (answer, source) = (PromptAnswer.Yes, PromptSource.Force);
            }
            else if (bound["Confirm"] is { Value: { } confirm } c && !Truth(Eval(confirm), c.At))
            {
                (answer, source) = (PromptAnswer.Yes, PromptSource.ConfirmFalse);
            }
            else
            {
                (answer, source) = (openAnswer, PromptSource.Open);
                openPrompts++;
            }
        }

        if (answer == PromptAnswer.No)
        {
            Add(new PlannedChange(ChangeKind.InternalCertificateKept, At(bound.Command), bound.Spec.Name)
            {
                Server = server.Name, Target = certificate.Thumbprint, Property = "msExchServerInternalTLSCert", Before = ad.Thumbprint, After = ad.Thumbprint,
                Answer = answer, AnswerSource = source,
            });
            return;
        }

        var published = new AdInternalCertificate
        {
            State = AdCertificateState.Present,
            Certificate = certificate.Certificate,
            DistinguishedName = ad.DistinguishedName,
            Location = ad.Location ?? Here(bound.Command),
        };
        var transport = server.TransportService;
        if (transport.IsKnown && !transport.Items.IsDefaultOrEmpty)
        {
            transport = transport with { Items = transport.Items.SetItem(0, transport.Items[0] with { InternalTransportCertificateThumbprint = certificate.Thumbprint }) };
        }

        Replace(server, server with { InternalCertificate = published, TransportService = transport });
        Add(new PlannedChange(ChangeKind.InternalCertificatePublished, At(bound.Command), bound.Spec.Name)
        {
            Server = server.Name, Target = certificate.Thumbprint, Property = "msExchServerInternalTLSCert",
            Before = ad.State == AdCertificateState.Present ? ad.Thumbprint : null, After = certificate.Thumbprint,
            Answer = answer, AnswerSource = source,
        });
    }

    private Value ImportCertificate(Bound bound, Value? input)
    {
        if (input is not null)
        {
            throw Fail(bound.Command, PlanProblemKind.ImportFromPipeline);
        }

        string written;
        Ast fileAt;
        if (bound["FileData"] is { } data)
        {
            fileAt = data.At;
            written = ValueOf(bound, "FileData") switch
            {
                FileValue f => f.Path,
                _ => throw Fail(data.At, PlanProblemKind.FileDataNotFile),
            };
        }
        else if (Text(bound, "FileName") is { } name)
        {
            fileAt = bound["FileName"]!.At;
            written = name;
        }
        else
        {
            throw Fail(bound.Command, PlanProblemKind.ImportFileMissing);
        }

        var password = bound["Password"] is { } pw
            ? ValueOf(bound, "Password") switch
            {
                SecretValue s => s.Text,
                TextValue t => t.Text,
                _ => throw Fail(pw.At, PlanProblemKind.PasswordNotFollowed),
            }
            : null;
        var path = ResolveFile(written, fileAt);
        CertificateFile file;
        try
        {
            file = CertificateFile.Read(path, password);
        }
        catch (CertificateFileException e)
        {
            throw Fail(fileAt, PlanProblemKind.CertificateFileUnreadable, new() { Name = written, File = e.Fault, Detail = e.Detail });
        }

        var server = ServerFor(bound, null, null);
        var store = Store(server, bound.Command);
        if (store.FirstOrDefault(c => Thumbprints.AreEqual(c.Thumbprint, file.Certificate.Thumbprint)) is { } existing)
        {
            Note(ChangeKind.AlreadyInStore, bound.Command, bound.Spec.Name, server.Name, existing.Thumbprint);
            return new CertificateObject(server.Name, existing);
        }

        bool? hasKey = file.HasPrivateKey;
        if (hasKey != true)
        {
            // A .cer or .p7b that completes a request made on that server gets the request's private key.
            if (requests.TryGetValue(server.Name, out var subjects) && subjects.Any(s => DistinguishedNames.AreEqual(s, file.Certificate.Subject)))
            {
                hasKey = true;
            }
            else
            {
                hasKey = null;
                Note(ChangeKind.PrivateKeyUnknown, fileAt, bound.Spec.Name, server.Name, file.Certificate.Thumbprint);
            }
        }

        var added = new StoreCertificate
        {
            Certificate = file.Certificate,
            HasPrivateKey = hasKey,
            Services = CertificateServices.None,
            Status = CertificateStatus.Valid,
            FriendlyName = Text(bound, "FriendlyName") ?? file.FriendlyName ?? "",
            UnknownProperties = hasKey is null ? ["HasPrivateKey"] : [],
            Location = Here(bound.Command),
        };
        SetStore(server, store.Add(added));
        Note(ChangeKind.CertificateImported, bound.Command, bound.Spec.Name, server.Name, added.Thumbprint, after: written);
        return new CertificateObject(server.Name, added);
    }

    /// <summary>
    /// A file the plan names, relative to the plan's folder. A Windows path that does not exist here (C:\Temp\new.pfx)
    /// is looked for by its file name beside the plan, so a plan written for the server rehearses unchanged.
    /// </summary>
    private string ResolveFile(string written, Ast at)
    {
        var folder = plan.Folder ?? context.WorkingFolder;
        var unix = written.Replace('\\', '/');
        var candidates = new List<string>();
        if (!(written.Length >= 2 && written[1] == ':') && !written.StartsWith(@"\\", StringComparison.Ordinal))
        {
            candidates.Add(Path.GetFullPath(unix, folder));
        }

        var fileName = unix.Split('/').Last();
        candidates.Add(Path.Combine(folder, fileName));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw Fail(at, PlanProblemKind.FileNotFound, new() { Name = written, Value = folder });
    }

    private Value RemoveCertificate(Bound bound, Value? input)
    {
        var (server, certificate) = Certificate(bound, input);
        SetStore(server, server.Certificates.Items.Remove(certificate));
        Note(ChangeKind.CertificateRemoved, bound.Command, bound.Spec.Name, server.Name, certificate.Thumbprint,
            before: Thumbprints.AreEqual(server.InternalCertificate.Thumbprint, certificate.Thumbprint) ? "msExchServerInternalTLSCert" : null);
        return NullValue.Instance;
    }

    /// <summary>
    /// New-ExchangeCertificate with Exchange's defaults: subject CN=&lt;server&gt;, the server's name and FQDN as DNS names,
    /// five years from the as-of, RSA 2048 signed with SHA-256, services IMAP, POP and SMTP; piped a certificate, it renews
    /// it with the same subject, names and services. Made by the certificate factory, so the same plan makes the same certificate.
    /// </summary>
    private Value NewCertificate(Bound bound, Value? input)
    {
        if (bound.Has("Instance"))
        {
            throw Fail(bound["Instance"]!.At, PlanProblemKind.InstanceDeprecated);
        }

        var acceptedNames = new List<string>();
        var includeAccepted = Switch(bound, "IncludeAcceptedDomains");
        var includeAutodiscover = Switch(bound, "IncludeAutoDiscover");
        if (includeAccepted || includeAutodiscover)
        {
            if (!Snapshot.AcceptedDomains.IsKnown)
            {
                throw Fail(bound.Command, PlanProblemKind.AcceptedDomainsNotCollected);
            }

            // A wildcard accepted domain (*.contoso.com) is not a name a certificate can carry as it is.
            foreach (var domain in Snapshot.AcceptedDomains.Items.Select(d => d.DomainName).Where(d => !string.IsNullOrWhiteSpace(d) && !d.Contains('*', StringComparison.Ordinal)).Order(StringComparer.OrdinalIgnoreCase))
            {
                if (includeAccepted)
                {
                    acceptedNames.Add(domain!);
                }

                if (includeAutodiscover)
                {
                    acceptedNames.Add("autodiscover." + domain);
                }
            }
        }

        StoreCertificate? renewed = null;
        ServerSnapshot server;
        if (input is not null)
        {
            (server, renewed) = Certificate(bound, input);
        }
        else
        {
            server = ServerFor(bound, null, null);
        }

        var subject = Text(bound, "SubjectName") ?? renewed?.Certificate.Subject ?? $"CN={server.Name}";
        var names = new List<string>(Texts(bound, "DomainName"));
        var fqdn = server.Fqdn ?? server.Name;
        if (Switch(bound, "IncludeServerNetBIOSName"))
        {
            names.Add(server.Name);
        }

        if (Switch(bound, "IncludeServerFQDN"))
        {
            names.Add(fqdn);
        }

        if (names.Count == 0 && acceptedNames.Count == 0)
        {
            names.AddRange(renewed is { } r && !r.Certificate.DnsNames.IsDefaultOrEmpty ? r.Certificate.DnsNames : [server.Name, fqdn]);
        }

        names.AddRange(acceptedNames);

        // The subject's CN is always among the names, as New-ExchangeCertificate adds it.
        if (DistinguishedNames.CommonNameOf(subject) is { } cn && !names.Contains(cn, StringComparer.OrdinalIgnoreCase))
        {
            names.Insert(0, cn);
        }

        names = [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
        if (Switch(bound, "GenerateRequest"))
        {
            if (!requests.TryGetValue(server.Name, out var subjects))
            {
                requests[server.Name] = subjects = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            subjects.Add(subject);
            Note(ChangeKind.CertificateRequested, bound.Command, bound.Spec.Name, server.Name, subject, after: string.Join(", ", names));
            return NullValue.Instance;
        }

        var keySize = bound.Has("KeySize") ? (int)(ValueOf(bound, "KeySize") switch
        {
            NumberValue n => n.Number,
            TextValue t when long.TryParse(t.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) => k,
            _ => throw Fail(bound["KeySize"]!.At, PlanProblemKind.KeySizeInvalid),
        }) : 2048;
        if (keySize is not (1024 or 2048 or 4096))
        {
            throw Fail(bound["KeySize"]!.At, PlanProblemKind.KeySizeInvalid);
        }

        var services = bound.Has("Services") ? Flags<CertificateServices>(bound, "Services")
            : renewed?.Services ?? (CertificateServices.IMAP | CertificateServices.POP | CertificateServices.SMTP);
        var made = MakeSelfSigned(bound.Command, server, subject, names, keySize);
        var store = Store(server, bound.Command);
        if (store.Any(c => Thumbprints.AreEqual(c.Thumbprint, made.Thumbprint)))
        {
            throw Fail(bound.Command, PlanProblemKind.CertificateMadeTwice, new() { Value = made.Thumbprint, Name = server.Name });
        }

        var added = new StoreCertificate
        {
            Certificate = made,
            HasPrivateKey = true,
            Services = services,
            Status = CertificateStatus.Valid,
            FriendlyName = Text(bound, "FriendlyName") ?? "Microsoft Exchange",
            Location = Here(bound.Command),
        };
        SetStore(server, store.Add(added));
        Note(ChangeKind.CertificateCreated, bound.Command, bound.Spec.Name, server.Name, added.Thumbprint, "Services", renewed?.Thumbprint, ServiceText(services));
        if (services.HasFlag(CertificateServices.SMTP))
        {
            OfferAsDefault(bound, Current(server.Name), added);
        }

        return new CertificateObject(server.Name, added);
    }

    private CertificateInfo MakeSelfSigned(Ast at, ServerSnapshot server, string subject, IReadOnlyList<string> names, int keySize)
    {
        // Seconds only, as a certificate's validity is written; never the clock.
        var notBefore = new DateTimeOffset(context.AsOf.UtcTicks - (context.AsOf.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        GeneratedCertificate made;
        try
        {
            made = factory.Create(new CertificateSpec
            {
                // The name fixes the serial number: the same plan line on the same server makes the same certificate,
                // whichever folder the plan was given from.
                Name = $"extls-whatif/{Path.GetFileName(plan.Name)}/{at.Extent.StartLineNumber.ToString(CultureInfo.InvariantCulture)}:{at.Extent.StartColumnNumber.ToString(CultureInfo.InvariantCulture)}/{server.Name}",
                Subject = subject,
                DnsNames = names,
                NotBefore = notBefore,
                NotAfter = notBefore.AddYears(5),
                KeySize = keySize,
                SignatureHash = SignatureHash.Sha256,

                // One key per size for every certificate a rehearsal makes: nothing the replay reads depends on the key itself.
                KeyName = $"extls-whatif/rsa-{keySize.ToString(CultureInfo.InvariantCulture)}",
            });
        }
        catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw Fail(at, PlanProblemKind.CertificateNotMade, new() { Detail = e.Message });
        }

        return Import.Certificates.CertificateReader.TryRead(made.GetRawData(), out var error)
            ?? throw new InvalidOperationException($"A certificate the factory made does not read back: {error}");
    }
}
