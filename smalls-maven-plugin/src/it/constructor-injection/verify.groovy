String log = new File(basedir, 'build.log').text

assert log.contains('smalls cannot create this migration without the application, so nothing ran:')
assert log.contains('com.example.migrations.M0002AuditedImport: its constructor takes AuditLog, which the application\'s context injects')
assert log.contains('java -jar app.jar smalls <command>')
// Nothing ran, not even the migration that could be created.
assert !log.contains('0001_create_accounts ... applied')
assert !new File(basedir, 'target/db').exists()
assert log.contains('BUILD FAILURE')
true
