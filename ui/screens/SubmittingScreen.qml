// Shown while the form is saved and printed (off the GUI thread).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

Item {
    objectName: "submittingScreen"
    ColumnLayout {
        anchors.centerIn: parent
        spacing: Theme.margin
        BusyIndicator { Layout.alignment: Qt.AlignHCenter; running: true; implicitWidth: 128; implicitHeight: 128 }
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            text: qsTr("Saving and printing your form…")
            font.pixelSize: Theme.titleSize
            color: Theme.text
        }
    }
}
