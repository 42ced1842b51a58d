-- The secret part of a mail (the token of a password-reset link) is kept apart from the text,
-- sealed with a key that lives outside the database (MailSecrets), and erased once the mail is sent.
alter table mail_outbox add column secret_enc bytea;

-- Reset links written into the text before this change: they are valid 30 minutes at most, so
-- every one of them is redacted (a PNS with a link from the last minutes asks for a new one).
update mail_outbox
   set body = regexp_replace(body, 'reset-sandi\.html\?token=[A-Za-z0-9_-]+', 'reset-sandi.html?token=[dihapus]', 'g')
 where body like '%reset-sandi.html?token=%';
