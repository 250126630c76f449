import CapacityModel

/// Which of Japan's 47 prefectures share a land border, for groups across neighbouring
/// prefectures (issue 34). Prefectures are numbered by their JIS X 0401 code (1 北海道 … 47 沖縄県),
/// the first two digits of a municipality's local government code.
///
/// Source: the prefectural boundaries of the Geospatial Information Authority of Japan's maps
/// (国土地理院 地理院地図, 都道府県界), land borders only: prefectures joined only by a bridge, a
/// tunnel or the sea (北海道–青森県, 山口県–福岡県, 兵庫県–徳島県, 岡山県–香川県, 広島県–愛媛県) are not
/// neighbours; 北海道 and 沖縄県 have none.
public enum PrefectureAdjacency {
    /// The prefectures' names in JIS order (index 0 is code 1).
    public static let names = [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
        "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
        "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
        "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
        "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ]

    /// Each prefecture's land neighbours with a higher code (the relation is symmetric).
    static let borders: [Int: [Int]] = [
        2: [3, 5], 3: [4, 5], 4: [5, 6, 7], 5: [6], 6: [7, 15], 7: [8, 9, 10, 15], 8: [9, 11, 12], 9: [10, 11],
        10: [11, 15, 20], 11: [12, 13, 19, 20], 12: [13], 13: [14, 19], 14: [19, 22], 15: [16, 20], 16: [17, 20, 21],
        17: [18, 21], 18: [21, 25, 26], 19: [20, 22], 20: [21, 22, 23], 21: [23, 24, 25], 22: [23], 23: [24],
        24: [25, 26, 29, 30], 25: [26], 26: [27, 28, 29], 27: [28, 29, 30], 28: [31, 33], 29: [30], 31: [32, 33, 34],
        32: [34, 35], 33: [34], 34: [35], 36: [37, 38, 39], 37: [38], 38: [39], 40: [41, 43, 44], 41: [42],
        43: [44, 45, 46], 44: [45], 45: [46],
    ]

    private static let pairs: Set<Int> = {
        var s: Set<Int> = []
        for (a, list) in borders { for b in list { s.insert(a * 100 + b); s.insert(b * 100 + a) } }
        return s
    }()

    /// Whether prefectures `a` and `b` (JIS codes) share a land border.
    public static func adjacent(_ a: Int, _ b: Int) -> Bool { pairs.contains(a * 100 + b) }

    /// A tenant's prefecture as a JIS code: by its prefecture's name, else by the first two digits
    /// of a 5- or 6-digit local government code; nil when neither says.
    public static func code(of tenant: Tenant) -> Int? {
        if let i = names.firstIndex(of: tenant.prefecture) { return i + 1 }
        guard tenant.code.count == 5 || tenant.code.count == 6, tenant.code.allSatisfy(\.isASCIIDigit), let p = Int(tenant.code.prefix(2)),
              (1...47).contains(p) else { return nil }
        return p
    }

    /// Whether two tenants are in one prefecture or in neighbouring ones (by name when either's
    /// prefecture is unknown).
    public static func neighbours(_ a: Tenant, _ b: Tenant) -> Bool {
        guard let p = code(of: a), let q = code(of: b) else { return a.prefecture == b.prefecture }
        return p == q || adjacent(p, q)
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
