package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.form.documents.DocumentAccess;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Officers may read a document that supports an item of a submission inside their scope
 * (GET /api/documents/{id}); everyone else still gets 404 from the document routes.
 */
final class VerifierDocuments implements DocumentAccess {

  private static final ScopedSql SUPPORTS = new ScopedSql("""
      select 1 from submission_field_document d
        join submission_field f on f.id = d.submission_field_id
        join submission s on s.id = f.submission_id
       where d.document_id = $1 and %s limit 1""", ScopedSql.SUBMISSION, 2);

  private final Pool pool;

  VerifierDocuments(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Boolean> allows(Caller caller, Document document) {
    if (!caller.role().isOfficer()) {
      return Future.succeededFuture(false);
    }
    return pool.preparedQuery(SUPPORTS.of(caller.scope())).execute(Tuple.of(document.id(), caller.scope().parameter()))
        .map(rows -> rows.size() > 0);
  }
}
