import Foundation
import FollowUpTestSupport

extension Subprocess {
    /// Runs followupctl with `arguments`, feeding `input` on stdin, in `directory`.
    ///
    /// The child is waited for on a Dispatch thread, not a cooperative one: the
    /// in-process daemon it talks to needs the cooperative pool to answer.
    static func ctl(_ arguments: [String], input: String? = nil, directory: String? = nil) async throws -> Subprocess {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    continuation.resume(returning: try run(followupctl, arguments, input: input, directory: directory))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
