String log = new File(basedir, 'build.log').text

// Flyway ran both files and kept its history where the application's settings say.
assert log.contains('Successfully applied 2 migrations')
assert log.contains('app_history')

// smalls found it there: its first migrate is refused, and runs nothing (V2 would insert admin again).
assert log.contains('This database was migrated by Flyway (app_history records 2 applied changes)')
assert log.contains('smalls adopt flyway')
assert log.contains('Nothing was run.')
assert !log.contains('0002_add_admin ... applied')
assert log.contains('BUILD FAILURE')
true
