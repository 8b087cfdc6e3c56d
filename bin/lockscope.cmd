@echo off
rem Runs lockscope from the shaded jar next to this script (build it with: mvn -q package -DskipTests).
set "JAR=%~dp0..\target\lockscope.jar"
if not exist "%JAR%" (
  echo lockscope: %JAR% not found; build it first: mvn -q -B package -DskipTests 1>&2
  exit /b 3
)
if "%JAVA_OPTS%"=="" set "JAVA_OPTS=-Xmx2g"
java %JAVA_OPTS% -jar "%JAR%" %*
