; Picked up by electron-builder's NSIS installer (build/installer.nsh, by name).
;
; .csv: Unpod Desk is offered under "Open with" without becoming the default app for CSV files.
; electron-builder's own fileAssociations would also set the default value of
; Software\Classes\.csv, which makes the app the default wherever the user never chose one (and
; Excel's registration lives in HKLM, below ours). SHELL_CONTEXT is HKEY_CURRENT_USER for this
; per-user installer; $appExe is the installed executable.
!define UNPOD_CSV_PROGID "UnpodDesk.csv"

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${UNPOD_CSV_PROGID}" "" "CSV file"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${UNPOD_CSV_PROGID}\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${UNPOD_CSV_PROGID}\shell\open" "" "Open with Unpod Desk"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${UNPOD_CSV_PROGID}\shell\open\command" "" '"$appExe" "%1"'
  WriteRegNone SHELL_CONTEXT "Software\Classes\.csv\OpenWithProgids" "${UNPOD_CSV_PROGID}"
  ; SHCNE_ASSOCCHANGED: Explorer reads the associations again.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
!macroend

!macro customUnInstall
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.csv\OpenWithProgids" "${UNPOD_CSV_PROGID}"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\${UNPOD_CSV_PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
!macroend
