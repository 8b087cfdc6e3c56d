@echo off
rem Runs lockscope on Windows: the jar beside bin\ (the release zip) or in target\ (a source checkout,
rem built with: mvn -q -B package -DskipTests). JAVA_OPTS replaces the JVM options
rem (default -Xmx2g; e.g. set JAVA_OPTS=-Xmx8g for a boot log of tens of millions of events).
setlocal
set "JAR=%~dp0..\lockscope.jar"
if not exist "%JAR%" set "JAR=%~dp0..\target\lockscope.jar"
rem no parenthesised block: a ")" in the install path (C:\Program Files (x86)\...) would end it early
if exist "%JAR%" goto run
echo lockscope: no lockscope.jar beside "%~dp0" or in target\; in a source checkout build it: mvn -q -B package -DskipTests 1>&2
exit /b 3
:run
if not defined JAVA_OPTS set "JAVA_OPTS=-Xmx2g"
java %JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
