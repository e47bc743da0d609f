# Sourced by the bench scripts: bench_classpath PACKAGE prints the class path of the main and test
# classes plus the dependencies (from the fat jar when it is built, else from Maven), compiling the
# test classes first when target/test-classes/dev/orchestrate/PACKAGE is missing.
bench_classpath() {
  if [ ! -d "target/test-classes/dev/orchestrate/$1" ]; then
    mvn -B -q -o test-compile >&2 || mvn -B -q test-compile >&2
  fi
  if [ -f target/orchestrate.jar ]; then
    echo "target/test-classes:target/orchestrate.jar"
    return
  fi
  if [ ! -f target/cp.txt ] || [ pom.xml -nt target/cp.txt ]; then
    mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2 \
      || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
  fi
  echo "target/classes:target/test-classes:$(cat target/cp.txt)"
}
