namespace Extls.Rules.Evaluators;

/// <summary>
/// Every evaluator of the catalogue, one per rules/EXTLS####.yaml, in ID order. Written out rather than found by
/// reflection at start: listing an assembly's types loads every type it holds and the libraries their fields name (the
/// descriptor reader's NJsonSchema among them) on every run of every command. A test compares this list with every
/// evaluator type the assembly holds, so a new evaluator cannot be left out.
/// </summary>
internal static class EvaluatorList
{
    public static IRuleEvaluator[] Create() =>
    [
        new InternalTransportCertificateUnreadable(), // EXTLS1001
        new InternalTransportCertificateNotPublished(), // EXTLS1002
        new InternalTransportCertificateCorrupt(), // EXTLS1003
        new InternalTransportCertificateNotInStore(), // EXTLS1004
        new InternalTransportCertificateExpired(), // EXTLS1005
        new InternalTransportCertificateExpiresSoon(), // EXTLS1006
        new InternalTransportCertificateWithoutPrivateKey(), // EXTLS1007
        new InternalTransportCertificateOutOfSync(), // EXTLS1008
        new ExchangeServerAuthMissing(), // EXTLS2001
        new AnonymousTlsSuppressed(), // EXTLS2002
        new StartTlsNotOffered(), // EXTLS2003
        new StartTlsCertificateNotFound(), // EXTLS2004
        new StartTlsNoEligibleCertificate(), // EXTLS2005
        new StartTlsCertificateNotSmtpEnabled(), // EXTLS2006
        new StartTlsCertificateExpired(), // EXTLS2007
        new StartTlsCertificateExpiresSoon(), // EXTLS2008
        new StartTlsSelfSignedOnExternalConnector(), // EXTLS2009
        new StartTlsRenewalAmbiguity(), // EXTLS2010
        new TlsCertificateNameMalformed(), // EXTLS2011
        new ExchangeServerAuthFqdnMismatch(), // EXTLS2012
        new ConnectorCapturesExchangeSessions(), // EXTLS2013
        new SendTlsCertificateNotFound(), // EXTLS3001
        new SendCertificateNotSmtpEnabled(), // EXTLS3002
        new SendCertificateExpired(), // EXTLS3003
        new SendCertificateExpiresSoon(), // EXTLS3004
        new HybridConnectorImplicitCertificate(), // EXTLS3005
        new EdgeSyncConnectorWithoutExchangeServerAuth(), // EXTLS3006
        new RequireTlsValidationIncomplete(), // EXTLS3007
        new SendTlsCertificateNameMalformed(), // EXTLS3008
        new HybridCertificateNotFound(), // EXTLS3009
        new HybridConnectorCertificateDisagrees(), // EXTLS3010
        new StartTlsIgnoredToExchangeOnline(), // EXTLS3011
        new CertificateExpiresSoon(), // EXTLS4001
        new CertificateExpired(), // EXTLS4002
        new WeakPublicKey(), // EXTLS4003
        new Sha1Signature(), // EXTLS4004
        new CertificateStatusNotValid(), // EXTLS4005
        new DuplicateSubjectCertificates(), // EXTLS4006
        new ServerPairWithoutAnonymousTls(), // EXTLS5001
        new EdgeSubscriptionCertificateMismatch(), // EXTLS5002
        new ObservedCertificateDiffers(), // EXTLS6001
        new ObservedTlsFailures(), // EXTLS6002
        new ObservedEventContradictsReplay(), // EXTLS6003
        new SnapshotSectionMissing(), // EXTLS9001
        new CertificateDetailsIncomplete(), // EXTLS9002
        new SnapshotStale(), // EXTLS9003
        new SnapshotInconsistent(), // EXTLS9004
        new RuleFailed(), // EXTLS9005
    ];
}
