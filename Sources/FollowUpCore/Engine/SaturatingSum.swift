extension Int {
    /// `self + other`, held at `Int.max` or `Int.min` instead of trapping.
    ///
    /// Scores are bounded where they are read (``InputBounds/score``), but a
    /// score stored before that (or edited in the database) may sit at the
    /// edge; the engine must keep running whatever it finds.
    func saturatingSum(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}
