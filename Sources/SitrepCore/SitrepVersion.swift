/// The version of sitrep, shown by `sitrep version` and in CTCP VERSION replies.
public enum SitrepVersion {
    public static let current = "0.1.0"
}
