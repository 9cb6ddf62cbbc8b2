String log = new File(basedir, 'build.log').text

// The command's own findings, as the one-shot run prints them.
assert log.contains('[INFO] smalls lint  ')
assert log.contains('whole-table-write')
assert log =~ /Linted 2 migrations for [^:]+: \d+ found, 1 problem/
// The build fails on exit code 3, saying why.
assert log.contains('smalls lint found problems in the pending migrations (exit code 3): write each the safe way shown above')
assert log.contains('BUILD FAILURE')
// Lint runs nothing on the database.
assert !log.contains('... applied')
true
