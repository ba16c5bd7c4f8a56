public import FollowUpCore

/// Loads the rule files (`rules.d`): parses each YAML file, merges them in
/// load order, validates the whole and compiles it to ``FollowUpCore/Rules``.
///
/// Loading never stops at the first problem: the thrown ``RuleSetLoadError``
/// lists every problem as `FILE:LINE:COL: error: message`, which is what
/// `followupctl check-rules` prints and what a refused reload logs.
public enum RuleSet {
    /// Loads every `*.yaml` / `*.yml` file of `directory` in lexical order.
    ///
    /// A missing directory, or one without rule files, is an error naming the
    /// directory; a file that is not UTF-8 is an error naming the file.
    public static func load(directory: String) throws(RuleSetLoadError) -> LoadedRules {
        let (sources, log) = RuleDirectory.sources(in: directory)
        return try load(sources, readProblems: log, origin: directory)
    }

    /// Loads the rules in force a shared store kept (``LoadedRules/sources``): problems name the bare file names.
    /// They keep saying whose files they are (``FollowUpCore/RuleSources/node``).
    public static func load(kept: RuleSources) throws(RuleSetLoadError) -> LoadedRules {
        var loaded = try load(sources: kept.files.map { (name: $0.name, text: $0.text) })
        loaded.sources.node = kept.node
        return loaded
    }

    /// Loads in-memory files, in the order given (tests and `simulate` use this).
    /// `name` is what problems report as the file.
    public static func load(sources: [(name: String, text: String)]) throws(RuleSetLoadError) -> LoadedRules {
        try load(sources.map { RuleSource(path: $0.name, name: $0.name, text: $0.text) }, readProblems: ProblemLog(),
                 origin: "(no rule sources)")
    }

    private static func load(_ sources: [RuleSource], readProblems: ProblemLog,
                             origin: String) throws(RuleSetLoadError) -> LoadedRules {
        var log = readProblems
        let order = sources.map(\.path)
        guard !sources.isEmpty else {
            if !log.hasErrors { log.error("no rule files to load", at: .whole(origin)) }
            throw RuleSetLoadError(problems: log.sorted(fileOrder: order))
        }
        var merger = RuleMerger()
        var missing = MissingPlaces(origin: origin)
        var unreadable = false
        var read: [(source: RuleSource, fragment: RuleFragment)] = []
        for source in sources {
            let (fragment, problems) = FragmentReader.read(file: source.path, text: source.text)
            log.append(contentsOf: problems)
            merger.add(fragment)
            missing.add(fragment)
            unreadable = unreadable || fragment.isUnreadable
            read.append((source, fragment))
        }
        // With a file that could not be read, "nothing defines X" and "X, which no file
        // defines" would be guesswork naming healthy files: check files only. With a file
        // that has errors, only what is missing is a guess (it may be the broken definition).
        var rules: Rules?
        if !readProblems.hasErrors && !unreadable {
            log.append(contentsOf: merger.log)
            var compiler = RuleCompiler(missing: missing, reportsMissing: !log.hasErrors)
            rules = compiler.compile(merger.merged)
            log.append(contentsOf: compiler.log)
        }
        guard !log.hasErrors, var rules else {
            log.append(contentsOf: DamageHints.notes(for: read))
            throw RuleSetLoadError(problems: log.sorted(fileOrder: order))
        }
        rules.version = RuleFingerprint.version(of: sources)
        let texts = RuleSources(files: sources.map { RuleSources.File(name: $0.name, text: $0.text) }, version: rules.version)
        return LoadedRules(rules: rules, notes: log.sorted(fileOrder: order), files: order, sources: texts,
                           summary: summary(of: rules, files: sources.count))
    }

    /// `rules OK: 4 files, 1 calendar, 4 priorities, 4 triage rules, 1 policy (5 steps), 0 reps, fallback sales-manager, version 3f2a9c1d`.
    static func summary(of rules: Rules, files: Int) -> String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        let steps = rules.policies.values.reduce(0) { $0 + $1.steps.count }
        return "rules OK: " + [
            count(files, "file", "files"),
            count(rules.calendars.count, "calendar", "calendars"),
            count(rules.priorities.count, "priority", "priorities"),
            count(rules.triage.count, "triage rule", "triage rules"),
            count(rules.policies.count, "policy", "policies") + " (\(count(steps, "step", "steps")))",
            count(rules.roster.count, "rep", "reps"),
            "fallback \(rules.fallback)",
            "version \(rules.version)",
        ].joined(separator: ", ")
    }
}
