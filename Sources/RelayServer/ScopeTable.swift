public import RelayDomain

/// The scope every RPC needs (the README's table is this one). FULL_ACCESS allows every RPC;
/// READ_ONLY allows the reading RPCs of every service but KeyService and OrganizationService; health checks and
/// reflection need no key. A method missing from the table needs FULL_ACCESS.
public enum ScopeTable {
    /// The requirement of the method at `path` (`/package.Service/Method`).
    public static func requirement(for path: String) -> Requirement {
        if path.hasPrefix("/grpc.health.v1.Health/") || path.hasPrefix("/grpc.reflection.") { return .none }
        return table[path] ?? fullAccessOnly
    }

    private static let fullAccessOnly = Requirement.anyOf([.fullAccess])

    /// Every relay.v1 RPC with the scopes that allow it (besides FULL_ACCESS), in contract order.
    public static let entries: [(path: String, scopes: [Scope])] = {
        var entries: [(String, [Scope])] = []
        func add(_ service: String, _ scope: Scope, writes: [String], reads: [String]) {
            for method in writes { entries.append(("/relay.v1.\(service)/\(method)", [scope])) }
            for method in reads { entries.append(("/relay.v1.\(service)/\(method)", [scope, .readOnly])) }
        }
        add("SendService", .send, writes: ["SendEmail", "SendEmailBatch"], reads: [])
        add("MessageService", .send, writes: [], reads: ["GetMessage", "SearchMessages", "ExportMessages"])
        add("DomainService", .domains, writes: ["CreateDomain", "VerifyDomain", "DeleteDomain", "RotateDkimKey"], reads: ["GetDomain", "ListDomains"])
        for method in ["CreateKey", "GetKey", "ListKeys", "UpdateKey", "RevokeKey", "RotateKey"] {
            entries.append(("/relay.v1.KeyService/\(method)", []))
        }
        for method in ["GetOrganization", "UpdateOrganization"] {
            entries.append(("/relay.v1.OrganizationService/\(method)", []))
        }
        add(
            "TemplateService", .templates, writes: ["CreateTemplate", "UpdateTemplate", "DeleteTemplate", "SendTestEmail"],
            reads: ["GetTemplate", "ListTemplates", "RenderTemplate"])
        add(
            "SuppressionService", .suppressions, writes: ["AddSuppressions", "RemoveSuppression", "ImportSuppressions"],
            reads: ["GetSuppression", "ListSuppressions", "ExportSuppressions"])
        add(
            "AnalyticsService", .analytics, writes: ["UpsertAlertRule", "DeleteAlertRule"],
            reads: ["GetDeliveryStats", "GetComplianceStatus", "ListAlertRules", "StreamEvents"])
        add("InboundService", .domains, writes: ["CreateRoute", "DeleteRoute"], reads: ["ListRoutes", "ListInboundMessages", "StreamInbound"])
        return entries
    }()

    private static let table: [String: Requirement] = Dictionary(
        uniqueKeysWithValues: entries.map { ($0.path, Requirement.anyOf(Set($0.scopes))) })
}
