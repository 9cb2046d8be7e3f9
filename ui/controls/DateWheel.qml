pragma ComponentBehavior: Bound
// One wheel of the date picker (day, month or year): keypad arrows turn it, the focus shows.
// Numbered wheels count from `first`; a wheel given a list of names (`named`) shows them.
import QtQuick
import QtQuick.Controls
import ".."

Tumbler {
    id: wheel
    property int first: 1
    property bool named: false
    activeFocusOnTab: true
    // Keypads: arrows turn the wheel.
    Keys.onUpPressed: currentIndex = Math.max(0, currentIndex - 1)
    Keys.onDownPressed: currentIndex = Math.min(count - 1, currentIndex + 1)
    background: Rectangle { color: "transparent"; radius: Theme.radius; border.width: wheel.activeFocus ? 4 : 0; border.color: Theme.focus }
    visibleItemCount: 5
    implicitHeight: Theme.touchTarget * 5
    font.pixelSize: Theme.headingSize
    delegate: Text {
        textFormat: Text.PlainText
        required property var modelData
        required property int index
        text: wheel.named ? modelData : wheel.first + index
        font.pixelSize: Theme.headingSize
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        color: Theme.text
        opacity: 1.0 - Math.abs(Tumbler.displacement) / 3
    }
}
