String log = new File(basedir, 'build.log').text

// The first build skipped the goal (the log holds both builds).
assert log.contains('smalls status is skipped (smalls.skip).')

assert log.contains('smalls could not connect to jdbc:h2:file:')
assert log.contains('no-such-directory/app;IFEXISTS=TRUE')
assert log.contains('not found')
assert log.contains('What to do: check <url>, <user> and <password> in the configuration of the smalls-maven-plugin')
assert log.contains('BUILD FAILURE')
true
