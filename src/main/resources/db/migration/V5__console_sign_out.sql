-- Console sign-ins that were signed out. The login cookie lives in the browser only, so a copy of it would work
-- until it expires; the sign-in ticket beside it is refused once listed here. Rows older than
-- bayan.console.session-max are deleted: a ticket that old is refused anyway.
CREATE TABLE console_sign_out (
    ticket        VARCHAR(64) PRIMARY KEY,
    signed_out_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_sign_out_at ON console_sign_out (signed_out_at);
