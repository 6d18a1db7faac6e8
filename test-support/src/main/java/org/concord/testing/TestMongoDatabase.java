package org.concord.testing;

/** A test's own database on the test MongoDB server. */
public record TestMongoDatabase(String serverUri, String name) {

    /** The connection string with this database as its default database. */
    public String uri() {
        int query = serverUri.indexOf("/?");
        if (query >= 0) {
            return serverUri.substring(0, query) + "/" + name + serverUri.substring(query + 1);
        }
        return serverUri + "/" + name;
    }
}
