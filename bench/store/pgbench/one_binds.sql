-- Relay shape "one": pool.query("INSERT ... VALUES (\(t), \(recipient), \(subject), \(body))").
-- Run with -M prepared and -D recipient=… -D subject=… -D body=… (run.sh sets them): four parameters
-- per execution, the same values and sizes as relay-bench-store sends.
\set t random(1, 100)
INSERT INTO emails (tenant, recipient, subject, body) VALUES (:t, :recipient, :subject, :body);
