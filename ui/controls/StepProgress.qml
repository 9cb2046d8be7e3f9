// "Step 2 of 7" with a bar of segments; mirrors in right-to-left languages.
import QtQuick
import QtQuick.Layouts
import ".."

ColumnLayout {
    id: root
    property int current: 1
    property int total: 1
    spacing: 6
    objectName: "stepProgress"
    Text {
        textFormat: Text.PlainText  // never render markup a visitor typed
        text: qsTr("Step %1 of %2").arg(root.current).arg(root.total)
        font.pixelSize: Theme.smallSize
        color: Theme.mutedText
    }
    Row {
        spacing: 6
        Repeater {
            model: root.total
            Rectangle {
                required property int index
                width: 48; height: 12; radius: 6
                color: index < root.current ? Theme.primary : Theme.secondary
                border.color: Theme.border
            }
        }
    }
}
