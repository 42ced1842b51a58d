-- An approval can be undone the same campaign day (back to PENDING_APPROVAL); the undo is a
-- decision of its own in the history.
alter table registration_decision drop constraint registration_decision_decision_check;
alter table registration_decision add constraint registration_decision_decision_check
  check (decision in ('APPROVE', 'REJECT', 'RESET', 'UNDO_APPROVE'));
