; Inno Setup 6 script: KMO-Reintegratie-<versie>-setup.exe from the frozen folder.
; packaging/build.py runs it on Windows (also in CI, where iscc is preinstalled):
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\kmo-reintegratie /DIconFile=build\icons\kmo-reintegratie.ico /Odist kmo-reintegratie.iss
;
; Per user, without administrator rights: the program goes to %LOCALAPPDATA%\Programs,
; the Start menu entry and the .kmo association to the user's own part of the registry.
; The uninstaller removes only what this setup installed: dossiers (in Documenten), backups
; and settings (in %LOCALAPPDATA%\kmo-reintegratie) stay.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\kmo-reintegratie"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\kmo-reintegratie.ico"
#endif

#define AppName "KMO Re-integratie"
#define AppExe "kmo-reintegratie.exe"
#define DossierProgId "KmoReintegratie.Dossier"

[Setup]
; AppId identifies this program across versions (upgrades replace, one uninstall entry).
AppId={{60E9378A-E4FC-4E1B-8E58-CA043D0FC734}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
; An open window is closed (and its dossier saved) before files are replaced.
CloseApplications=yes
RestartApplications=no
OutputBaseFilename=KMO-Reintegratie-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Code signing (Authenticode), only when CI has a certificate: build.py then passes /DSign
; and the sign tool "kmoSign" (see KMO_SIGNTOOL in .github/workflows/release.yml), e.g.
;   iscc "/SkmoSign=signtool sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /f cert.pfx /p PASSWORD $f" /DSign ...
; Inno Setup then signs the setup and the uninstaller; the exes are signed before (build.py).
#ifdef Sign
SignTool=kmoSign
SignedUninstaller=yes
#endif

[Languages]
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole frozen folder: kmo-reintegratie.exe (windowed), kmo-reintegratie-cli.exe (for
; the command line) and _internal\.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade starts from a clean program folder: no library of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Re-integratie van langdurig zieke werknemers"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .kmo is a KMO Re-integratie dossier: our own extension, so this program is its default.
Root: HKA; Subkey: "Software\Classes\.kmo"; ValueType: string; ValueName: ""; ValueData: "{#DossierProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.kmo\OpenWithProgids"; ValueType: string; ValueName: "{#DossierProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#DossierProgId}"; ValueType: string; ValueName: ""; ValueData: "KMO Re-integratie-dossier"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#DossierProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#DossierProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".kmo"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
