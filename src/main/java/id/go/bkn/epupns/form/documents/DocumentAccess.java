package id.go.bkn.epupns.form.documents;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import io.vertx.core.Future;

/**
 * Who may read a document. For now its owner only; the verification feature adds verifiers whose
 * scope covers a submission the document supports, with {@link #or}. A refusal is answered 404.
 */
@FunctionalInterface
public interface DocumentAccess {

  /** The document as the access rule sees it. */
  record Document(long id, String ownerNip) {
  }

  Future<Boolean> allows(Caller caller, Document document);

  static DocumentAccess ownerOnly() {
    return (caller, document) -> Future.succeededFuture(caller.role() == Role.PNS && caller.nip().equals(document.ownerNip()));
  }

  default DocumentAccess or(DocumentAccess other) {
    return (caller, document) -> allows(caller, document)
        .compose(yes -> yes ? Future.succeededFuture(true) : other.allows(caller, document));
  }
}
