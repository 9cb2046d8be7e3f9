// The first screen: greetings in several languages, and a language picker. Any touch starts.
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import "../controls"
import ".."

Rectangle {
    id: screen
    objectName: "attractScreen"
    color: Theme.primary
    readonly property var greetings: ["Welcome", "欢迎", "환영합니다", "ようこそ", "Bienvenue", "Bienvenido", "Willkommen", "Добро пожаловать", "أهلاً وسهلاً", "स्वागत है"]
    property int greeting: 0
    signal accessibilityRequested()
    signal readRequested()

    Timer {
        interval: 2500; running: !Theme.reducedMotion; repeat: true
        onTriggered: screen.greeting = (screen.greeting + 1) % screen.greetings.length
    }
    MouseArea { anchors.fill: parent; onClicked: Kiosk.visit.start() }

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        spacing: Theme.margin
        // The center's mark (a ferry: Shekou is the port), as in the top bar of every other screen.
        Rectangle {
            objectName: "attractMark"
            Layout.alignment: Qt.AlignHCenter
            implicitWidth: Math.round(Math.min(Theme.hugeSize * 1.6, screen.height * 0.13))
            implicitHeight: implicitWidth
            radius: width / 2
            color: Theme.primaryText
            Icon { anchors.centerIn: parent; name: "ferry"; color: Theme.primary; font.pixelSize: Theme.hugeSize }
        }
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            objectName: "greeting"
            Layout.alignment: Qt.AlignHCenter
            text: screen.greetings[screen.greeting]
            font.pixelSize: Theme.hugeSize * 1.5
            font.bold: true
            color: Theme.primaryText
        }
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            Layout.alignment: Qt.AlignHCenter
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: "Shekou Management and Service Center for Expats · 蛇口外籍人士管理服务中心"
            font.pixelSize: Theme.headingSize
            color: Theme.primaryText
            wrapMode: Text.WordWrap
        }
        BigButton {
            objectName: "startButton"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 640
            Layout.minimumHeight: Theme.touchTarget * 1.6
            font.pixelSize: Theme.titleSize
            text: "Touch to start · 点击开始 · 시작 · 開始 · Commencer"
            onClicked: Kiosk.visit.start()
        }
        Flow {
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: parent.width
            spacing: Theme.spacing
            Repeater {
                model: Kiosk.languages
                BigButton {
                    required property var modelData
                    objectName: "attractLang_" + modelData.code
                    text: modelData.name
                    onClicked: { Kiosk.visit.start(); Kiosk.visit.setLanguage(modelData.code) }
                }
            }
        }
    }

    Row {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        spacing: Theme.spacing
        BigButton {
            objectName: "attractSpeak"
            text: qsTr("Read aloud")
            implicitWidth: Theme.touchTarget
            contentItem: SpeakerIcon { color: Theme.secondaryText }
            onClicked: screen.readRequested()
        }
        BigButton {
            objectName: "attractAccessibility"
            text: "Aa"
            Accessible.name: qsTr("Accessibility")
            implicitWidth: Math.max(Theme.touchTarget, contentItem.implicitWidth + 24)
            onClicked: screen.accessibilityRequested()
        }
    }
}
