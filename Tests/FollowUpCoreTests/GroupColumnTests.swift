import Testing
@testable import FollowUpReports

/// A group row's sums are read and written by ``GroupColumn/ordinal``, a
/// hand-written switch: it must be each column's place in `allCases`, the
/// order the rows' columns are stored in.
@Suite struct GroupColumnTests {
    @Test func eachColumnsOrdinalIsItsPlaceInAllCases() {
        for (place, column) in GroupColumn.allCases.enumerated() {
            #expect(column.ordinal == place, "\(column)")
        }
    }

    @Test func aSumIsReadBackFromItsOwnColumn() {
        var sums = GroupSums()
        for (place, column) in GroupColumn.allCases.enumerated() { sums[column] = Int64(place + 1) }
        #expect(sums.values == (1...Int64(GroupColumn.allCases.count)).map { $0 })
    }
}
