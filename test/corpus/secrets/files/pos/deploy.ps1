# PowerShell variables are assignments too
$Token = "NgDKq9f2q3IFykheUeqioRDZYwKCya5a"
$ClientSecret = 'EKQyBKaNXPtWXDLJe5aTmKQlg6fjTWM4S9Q66G7C'
