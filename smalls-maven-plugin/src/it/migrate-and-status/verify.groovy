import groovy.json.JsonSlurper

String log = new File(basedir, 'build.log').text

// The output of each goal, from its command's header ("smalls status  2026-...") to the next one.
List<String> sections = log.split(/\[INFO\] smalls (?=(status|plan|migrate|drift|rehearse)  \d{4}-)/).drop(1) as List
assert sections.size() == 6 : "expected the headers of status, plan, migrate, status, drift and rehearse in:\n" + log
def (before, plan, migrate, after, drift, rehearse) = sections

assert before.startsWith('status')
assert before.contains('0001') && before.contains('create_accounts') && before.contains('PENDING')
assert before.contains('0002') && before.contains('add_admin')
assert before.contains('0003') && before.contains('add_email')
assert before.contains('Current sequence: 0000, 3 pending')

assert plan.startsWith('plan')
assert plan.toLowerCase().contains('create table accounts')
assert plan.contains("INSERT INTO accounts (name) VALUES ('admin')")
assert plan.contains('ALTER TABLE accounts ADD COLUMN email VARCHAR(200)')

assert migrate.startsWith('migrate')
assert migrate.contains('0001_create_accounts ... applied')
assert migrate.contains('0002_add_admin ... applied')
assert migrate.contains('0003_add_email ... applied')
assert migrate.contains('Migrations are complete: batch 1, current sequence 0003.')

assert after.startsWith('status')
assert after.contains('APPLIED')
assert !after.contains('PENDING')
assert after.contains('Current sequence: 0003, 0 pending')

assert drift.startsWith('drift')
assert drift.contains('No drift: the schema is as the history says it should be')

assert rehearse.startsWith('rehearse')
assert rehearse.contains('0001_create_accounts ... ok')
assert rehearse.contains('0002_add_admin ... ok')
assert rehearse.contains('0003_add_email ... ok')
assert rehearse.contains('Rehearsal is clean: 3 migrations applied, rolled back and applied again')

def status = new JsonSlurper().parse(new File(basedir, 'target/status.json'))
assert status.format == 1
assert status.command == 'status'
assert status.current == 3
assert status.pending == 0
assert status.migrations.size() == 3
assert log.contains('smalls status wrote its JSON document to')
assert log.contains('BUILD SUCCESS')
true
