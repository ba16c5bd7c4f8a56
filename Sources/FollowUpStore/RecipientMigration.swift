import GRDB

/// `v13-notification-recipient`: each outbox row keeps what its `to` names
/// (``FollowUpCore/RecipientKind``: `rep`, `lead` or `fallback`), as the engine
/// decided it, so a message built at delivery never guesses from the spelling.
///
/// Rows queued before v13 get the kind once, here: an acknowledgement goes to
/// the lead; any other row to a rep when its `to` is a rep of the roster, else
/// to the fallback receiver (the only other recipient the engine has).
enum RecipientMigration {
    @Sendable static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE outbox ADD COLUMN recipient TEXT NOT NULL DEFAULT 'rep';
            UPDATE outbox SET recipient = 'lead' WHERE kind = 'lead.acknowledgement';
            UPDATE outbox SET recipient = 'fallback'
                WHERE kind <> 'lead.acknowledgement' AND json_extract(payload, '$.to') NOT IN (SELECT id FROM reps);
            """)
    }
}
