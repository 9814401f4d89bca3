/// One cell of a copied row (`StoreCopyTable`), in a form both stores can bind.
public enum StoreCopyValue: Sendable, Hashable {
    /// The forms a column's values take; NULL is allowed in every one.
    public enum Kind: Sendable, Hashable {
        case integer
        /// User text, byte for byte (NUL included); JSON columns are text too.
        case text
        /// A list of strings (`services`).
        case textList
        case boolean
        /// Raw bytes (chain hashes).
        case bytes
    }

    case null
    case integer(Int64)
    case text(String)
    case textList([String])
    case boolean(Bool)
    case bytes([UInt8])
}

/// A copied row: one value per column of its table, in column order.
public typealias StoreCopyRow = [StoreCopyValue]
