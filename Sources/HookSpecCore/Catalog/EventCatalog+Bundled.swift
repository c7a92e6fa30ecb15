extension EventCatalog {
    /// The catalog compiled into this build (`bundledJSON`), parsed once.
    public static func bundled() throws(EventCatalogError) -> EventCatalog {
        try parsedBundle.get()
    }

    private static let parsedBundle = Result { () throws(EventCatalogError) -> EventCatalog in
        try EventCatalog(json: Array(bundledJSON.utf8))
    }
}
