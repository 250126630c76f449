/// The Japanese text of every report message (keys: the English text; `{n}`: arguments).
/// Domain terms follow the municipal usage: 住民記録, 税務, 均等割, 人口割, 割勘, 年度.
enum JapaneseMessages {
    static let table: [String: String] = [:]
}
