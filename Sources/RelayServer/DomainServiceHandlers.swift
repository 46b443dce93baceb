internal import Foundation
internal import ProtoWire
internal import RelayAPI
public import RelayCore
internal import RelayDomain
public import RelayRPC

/// `relay.v1.DomainService` through ``DomainManagement``.
public struct DomainServiceHandlers: RPCService {
    let domains: DomainManagement

    /// Handlers over the domain use cases.
    public init(domains: DomainManagement) { self.domains = domains }

    public var methods: [RPCMethod] {
        let service = "relay.v1.DomainService"
        let domains = self.domains
        return [
            .unary(service, "CreateDomain", CreateDomainRequest.self, CreateDomainResponse.self) { request, context in
                let created = try await domains.create(
                    name: request.name, algorithm: try DomainMapping.algorithm(request.dkimAlgorithm, field: "dkim_algorithm") ?? .rsa2048,
                    selector: request.dkimSelector.isEmpty ? nil : request.dkimSelector,
                    returnPathLabel: request.returnPathSubdomain.isEmpty ? nil : request.returnPathSubdomain, by: try context.principal)
                var response = CreateDomainResponse()
                response.domain = DomainMapping.message(created)
                return response
            },
            .unary(service, "GetDomain", GetDomainRequest.self, GetDomainResponse.self) { request, context in
                let principal = try context.principal
                let domain: SendingDomain
                switch request.lookup {
                case .domainID(let id)?: domain = try await domains.get(try DomainMapping.domainID(id, field: "domain_id"), by: principal)
                case .name(let name)?: domain = try await domains.get(named: name, by: principal)
                case nil: throw DomainError.invalidArgument(field: "domain_id", reason: "domain_id or name is required")
                }
                var response = GetDomainResponse()
                response.domain = DomainMapping.message(domain)
                return response
            },
            .unary(service, "ListDomains", ListDomainsRequest.self, ListDomainsResponse.self) { request, context in
                let status = request.status == .unspecified ? nil : RelayDomain.DomainStatus(rawValue: Int16(clamping: request.status.rawValue))
                if request.status != .unspecified && status == nil {
                    throw DomainError.invalidArgument(field: "status", reason: "is not a domain status")
                }
                let page = try await domains.list(
                    pageSize: Int(request.pageSize), pageToken: request.pageToken, status: status, by: try context.principal)
                var response = ListDomainsResponse()
                response.domains = page.domains.map { DomainMapping.message($0) }
                response.nextPageToken = page.nextPageToken
                response.totalSize = Int32(clamping: page.totalCount)
                return response
            },
            .unary(service, "VerifyDomain", VerifyDomainRequest.self, VerifyDomainResponse.self) { request, context in
                let domain = try await domains.verify(try DomainMapping.domainID(request.domainID, field: "domain_id"), by: try context.principal)
                var response = VerifyDomainResponse()
                response.domain = DomainMapping.message(domain)
                response.verified = domain.status == .verified
                return response
            },
            .unary(service, "DeleteDomain", DeleteDomainRequest.self, DeleteDomainResponse.self) { request, context in
                try await domains.delete(try DomainMapping.domainID(request.domainID, field: "domain_id"), by: try context.principal)
                return DeleteDomainResponse()
            },
            .unary(service, "RotateDkimKey", RotateDkimKeyRequest.self, RotateDkimKeyResponse.self) { request, context in
                let domain = try await domains.rotateKey(
                    try DomainMapping.domainID(request.domainID, field: "domain_id"),
                    algorithm: try DomainMapping.algorithm(request.algorithm, field: "algorithm"),
                    selector: request.selector.isEmpty ? nil : request.selector, by: try context.principal)
                var response = RotateDkimKeyResponse()
                response.domain = DomainMapping.message(domain)
                if let pending = domain.keys.first(where: { $0.status == .pending }),
                    let record = domain.records.first(where: { $0.dkimKeyID == pending.id })
                {
                    response.newRecord = DomainMapping.record(record)
                }
                response.retiringSelector = domain.activeKey?.selector ?? ""
                return response
            },
        ]
    }
}

/// Domains into the contract's messages and back.
enum DomainMapping {
    static func domainID(_ text: String, field: String) throws(DomainError) -> DomainID {
        guard !text.isEmpty else { throw .invalidArgument(field: field, reason: "is required") }
        guard let id = DomainID(text: text) else { throw .invalidArgument(field: field, reason: "is not a domain id (dom_…)") }
        return id
    }

    static func algorithm(_ algorithm: DkimKeyAlgorithm, field: String) throws(DomainError) -> DKIMAlgorithm? {
        switch algorithm {
        case .unspecified: return nil
        case .rsa2048: return .rsa2048
        case .ed25519: return .ed25519
        case .unrecognized(let number): throw .invalidArgument(field: field, reason: "\(number) is not a DKIM key algorithm")
        }
    }

    static func message(_ domain: SendingDomain, now: Date = Date()) -> Domain {
        var message = Domain()
        message.domainID = domain.id.description
        message.name = domain.name
        message.status = RelayAPI.DomainStatus(rawValue: Int32(domain.status.rawValue))
        message.statusDetail = domain.statusDetail
        message.sendingAllowed = domain.sendingAllowed(at: now)
        message.dkimKey = domain.activeKey.map(key)
        message.pendingDkimKey = domain.keys.first { $0.status == .pending }.map(key)
        message.retiringDkimKey = domain.keys.last { $0.status == .retired && ($0.retiredAt.map { now.timeIntervalSince($0) < 7 * 86400 } ?? false) }
            .map(key)
        message.returnPathDomain = domain.returnPathDomain
        message.records = domain.records.map(record)
        message.createTime = Timestamp(domain.createdAt)
        message.verifyTime = domain.verifiedAt.map(Timestamp.init)
        message.lastCheckTime = domain.lastCheckedAt.map(Timestamp.init)
        message.nextCheckTime = domain.nextCheckAt.map(Timestamp.init)
        return message
    }

    static func key(_ key: DKIMKey) -> DkimKey {
        var message = DkimKey()
        message.selector = key.selector
        message.algorithm = key.algorithm == .ed25519 ? .ed25519 : .rsa2048
        message.publicKey = key.publicKey
        message.createTime = Timestamp(key.createdAt)
        message.activateTime = key.activatedAt.map(Timestamp.init)
        message.retireTime = key.retiredAt.map(Timestamp.init)
        return message
    }

    static func record(_ record: DomainDNSRecord) -> DnsRecord {
        var message = DnsRecord()
        message.purpose = DnsRecordPurpose(rawValue: Int32(record.purpose.rawValue))
        message.type = record.type == .cname ? .cname : record.type == .mx ? .mx : .txt
        message.name = record.name
        message.host = record.host
        message.value = record.value
        message.priority = Int32(clamping: record.priority)
        message.required = record.required
        message.dkimSelector = record.dkimSelector
        message.checkState = DnsRecordCheckState(rawValue: Int32(record.state.rawValue))
        message.foundValues = record.foundValues
        message.explanation = record.explanation
        message.spfAddInclude = record.spfAddInclude
        message.spfInclude = record.spfInclude
        message.checkTime = record.checkedAt.map(Timestamp.init)
        return message
    }
}
