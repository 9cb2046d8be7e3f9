// One glyph of the kiosk's icon font (kiosk/icons.py): `name` is a key of Kiosk.icons.
// Decoration only: the button or text next to it says what it means, for speech and screen readers.
import QtQuick
import Kiosk.Backend
import ".."

Text {
    property string name: ""
    textFormat: Text.PlainText  // never render markup a visitor typed
    text: name.length > 0 && Kiosk.icons[name] !== undefined ? Kiosk.icons[name] : ""
    font.family: Theme.iconFamily
    font.pixelSize: Theme.iconSize
    color: Theme.secondaryText
    horizontalAlignment: Text.AlignHCenter
    verticalAlignment: Text.AlignVCenter
    Accessible.ignored: true
}
