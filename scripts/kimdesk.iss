; Inno Setup 6 script for kimdesk: packs the PyInstaller one-folder build (dist\kimdesk\) into a setup program.
; NOT TESTED ON WINDOWS in this project's CI - check it on a test PC before rolling it out (docs/INSTALL.md).
;
; Build (from the repository root, after `pyinstaller --noconfirm kimdesk.spec`):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 scripts\kimdesk.iss
; Silent install / uninstall:
;   kimdesk-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/DB="postgresql+psycopg://..."]
;   "C:\Program Files\kimdesk\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; /DB=URL sets KIMDESK_DB machine-wide (removed again on uninstall). User data in %LOCALAPPDATA%\kimdesk is
; never touched.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
; A fixed AppId lets a newer setup find and replace the installed version. Keep it unchanged forever.
AppId={{6B0F3C2E-4D7A-4E51-9A55-3C1B8E7D2F40}
AppName=kimdesk
AppVersion={#AppVersion}
AppVerName=kimdesk {#AppVersion}
AppPublisher=kimdesk
DefaultDirName={autopf}\kimdesk
DefaultGroupName=kimdesk
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..
OutputDir=dist\installer
OutputBaseFilename=kimdesk-{#AppVersion}-setup
SetupIconFile=resources\icons\kimdesk.ico
UninstallDisplayIcon={app}\kimdesk-gui.exe
UninstallDisplayName=kimdesk {#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Running kimdesk instances are asked to close before files are replaced.
CloseApplications=yes
RestartApplications=no
; Tell running programs that KIMDESK_DB changed.
ChangesEnvironment=yes

[Languages]
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update must not leave libraries of the previous version behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "dist\kimdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\kimdesk"; Filename: "{app}\kimdesk-gui.exe"; Comment: "Vorlagen für Rat und Ausschüsse"
Name: "{autodesktop}\kimdesk"; Filename: "{app}\kimdesk-gui.exe"; Tasks: desktopicon

[Registry]
; Optional shared database for every user of this PC: setup.exe /DB="postgresql+psycopg://kimdesk@db/kimdesk"
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; \
    ValueType: expandsz; ValueName: "KIMDESK_DB"; ValueData: "{param:DB|}"; \
    Flags: uninsdeletevalue; Check: HasDatabaseParam

[Code]
function HasDatabaseParam: Boolean;
begin
  Result := ExpandConstant('{param:DB|}') <> '';
end;
