public import FollowUpCore
import FollowUpPostgres

/// Where the nodes sharing one database record their own rule files (issue
/// 14): a reload asked on a standby is validated there, recorded, and put in
/// force by the leader from that record, never from the leader's own files.
/// SQLite has one node and no such record.
public protocol NodeRuleFiles: Sendable {
    /// Records this node's files as it just read them.
    func recordNodeFiles(_ sources: RuleSources) async throws
    /// The files `node` recorded last; nil when it recorded none.
    func nodeFiles(of node: String) async throws -> RuleSources?
}

extension PostgresLeadStore: NodeRuleFiles {}
